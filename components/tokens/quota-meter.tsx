import { Progress } from "@/components/ui/progress";
import { formatUsd } from "@/lib/format";
import type { TokenRow } from "@/components/tokens/types";

/** Used / remaining quota in dollars with a bar, or "Unlimited" with what was used so far. */
export function QuotaMeter({ token, wide = false }: { token: Pick<TokenRow, "quota" | "usedQuota" | "remainingQuota">; wide?: boolean }) {
  if (token.quota === null) {
    return (
      <div className="grid gap-1">
        <span className="font-medium">Unlimited</span>
        <span className="text-xs text-zinc-500 tabular-nums">{formatUsd(token.usedQuota)} used</span>
      </div>
    );
  }
  const pct = token.quota === 0 ? 100 : (token.usedQuota / token.quota) * 100;
  return (
    <div className={wide ? "grid gap-1.5" : "grid w-40 gap-1.5"}>
      <div className="flex justify-between gap-2 text-xs tabular-nums">
        <span className="text-zinc-500">{formatUsd(token.usedQuota)} used</span>
        <span className="font-medium">{formatUsd(token.remainingQuota ?? 0)} left</span>
      </div>
      <Progress value={pct} label={`Quota used: ${Math.round(pct)}%`} />
    </div>
  );
}
