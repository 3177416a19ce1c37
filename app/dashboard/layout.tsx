import type { ReactNode } from "react";
import { Logo } from "@/components/layout/logo";
import { MobileNav } from "@/components/layout/mobile-nav";
import { Nav } from "@/components/layout/nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { ToastProvider } from "@/components/ui/toast";
import { requireUser } from "@/lib/auth/session";
import { viewerTheme } from "@/lib/dashboard/viewer";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [user, theme] = await Promise.all([requireUser(), viewerTheme()]);
  const isAdmin = user.role === "admin";
  return (
    <div className="min-h-screen md:grid md:grid-cols-[15rem_1fr]">
      <a
        href="#main"
        className="sr-only rounded-md bg-zinc-900 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      {/* The column carries the border and background the full page height; its content stays in view. */}
      <div className="hidden border-r border-zinc-200 bg-white md:block">
        <aside className="sticky top-0 flex h-screen flex-col p-4">
          <div className="mb-6">
            <Logo />
          </div>
          <Nav isAdmin={isAdmin} />
          <div className="mt-auto pt-4">
            <ThemeToggle initial={theme} />
          </div>
        </aside>
      </div>
      <div className="flex min-w-0 flex-col">
        <header className="relative flex h-14 items-center gap-2 border-b border-zinc-200 bg-white px-3 md:justify-end md:gap-3 md:px-8">
          <MobileNav
            isAdmin={isAdmin}
            footer={
              <div className="flex items-center justify-between gap-2 px-3 text-sm">
                <span className="min-w-0 truncate text-zinc-500">{user.email}</span>
                <ThemeToggle initial={theme} />
              </div>
            }
          />
          <div className="md:hidden">
            <Logo compact />
          </div>
          <div className="ml-auto hidden min-w-0 text-right text-sm leading-tight md:ml-0 md:block">
            <p className="truncate font-medium" data-testid="current-user">
              {user.name || user.email}
            </p>
            <p className="truncate text-xs text-zinc-500">
              {user.email} · {user.role}
            </p>
          </div>
          <div className="ml-auto md:ml-0">
            <SignOutButton />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 p-4 focus:outline-none md:p-8">
          <ToastProvider>{children}</ToastProvider>
        </main>
      </div>
    </div>
  );
}
