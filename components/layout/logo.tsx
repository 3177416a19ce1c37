import { Waypoints } from "lucide-react";

/** The product mark and name; `compact` (phone headers) uses a smaller type size. */
export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <div className={compact ? "flex items-center gap-2 text-base font-semibold tracking-tight" : "flex items-center gap-2 text-lg font-semibold tracking-tight"}>
      <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-zinc-900 text-white">
        <Waypoints className="h-4 w-4" aria-hidden />
      </span>
      LLM Gateway
    </div>
  );
}
