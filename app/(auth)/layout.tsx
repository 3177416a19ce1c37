import type { ReactNode } from "react";
import { Logo } from "@/components/layout/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-gradient-to-b from-zinc-50 to-zinc-100 p-4">
      <Logo />
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
