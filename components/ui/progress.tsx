import { cn } from "@/lib/utils";

/** A horizontal bar; `value` is 0–100. Turns amber above 75 % and red above 90 %. */
export function Progress({ value, label, className }: { value: number; label?: string; className?: string }) {
  const v = Math.max(0, Math.min(100, Number.isFinite(value) ? value : 0));
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(v)}
      aria-label={label}
      className={cn("h-1.5 w-full overflow-hidden rounded-full bg-zinc-100", className)}
    >
      <div
        className={cn("h-full rounded-full transition-all", v > 90 ? "bg-red-500" : v > 75 ? "bg-amber-500" : "bg-zinc-900")}
        style={{ width: `${v}%` }}
      />
    </div>
  );
}
