import type { ReactNode } from "react";
import { Logo } from "@/components/layout/logo";
import { Nav } from "@/components/layout/nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ToastProvider } from "@/components/ui/toast";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen md:grid md:grid-cols-[15rem_1fr]">
      <aside className="border-b border-zinc-200 bg-white p-3 md:sticky md:top-0 md:h-screen md:border-r md:border-b-0 md:p-4">
        <div className="mb-3 flex items-center justify-between md:mb-6">
          <Logo />
        </div>
        <Nav isAdmin={user.role === "admin"} />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex h-14 items-center justify-end gap-3 border-b border-zinc-200 bg-white px-4 md:px-8">
          <div className="min-w-0 text-right text-sm leading-tight">
            <p className="truncate font-medium" data-testid="current-user">{user.name || user.email}</p>
            <p className="hidden truncate text-xs text-zinc-500 sm:block">
              {user.email} · {user.role}
            </p>
          </div>
          <SignOutButton />
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
          <ToastProvider>{children}</ToastProvider>
        </main>
      </div>
    </div>
  );
}
