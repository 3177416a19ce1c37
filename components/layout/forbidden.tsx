import Link from "next/link";
import { ShieldAlert } from "lucide-react";

export function Forbidden() {
  return (
    <div className="mx-auto mt-16 flex max-w-md flex-col items-center gap-3 text-center" data-testid="forbidden">
      <ShieldAlert className="h-10 w-10 text-zinc-400" aria-hidden />
      <h1 className="text-xl font-semibold">403 · Admins only</h1>
      <p className="text-sm text-zinc-500">Your account cannot open this page. Ask an admin if you need access.</p>
      <Link href="/dashboard" className="text-sm font-medium underline underline-offset-4">
        Back to the overview
      </Link>
    </div>
  );
}
