import { Progress } from "@/components/ui/progress";
import { LocalDate } from "@/components/ui/local-date";
import { formatUsd } from "@/lib/format";
import type { TokenRow } from "@/components/tokens/types";

/** "today", "this week", "this month" for a quota period; "" for the lifetime. */
export const PERIOD_WORDS: Record<TokenRow["quotaPeriod"], string> = { none: "", daily: "today", weekly: "this week", monthly: "this month" };

type Metered = Pick<TokenRow, "quota" | "usedQuota" | "remainingQuota" | "quotaPeriod" | "periodUsed" | "periodResetsAt">;

/**
 * Used / remaining quota in dollars with a bar (in the current period, with when it resets, when
 * the quota has one), or "Unlimited" with what was used so far.
 */
export function QuotaMeter({ token, wide = false }: { token: Metered; wide?: boolean }) {
  if (token.quota === null) {
    return (
      <div className="grid gap-1">
        <span className="font-medium">Unlimited</span>
        <span className="text-xs text-zinc-500 tabular-nums">{formatUsd(token.usedQuota)} used</span>
      </div>
    );
  }
  const periodic = token.quotaPeriod !== "none";
  const used = periodic ? token.periodUsed : token.usedQuota;
  const pct = token.quota === 0 ? 100 : Math.min(100, (used / token.quota) * 100);
  return (
    <div className={wide ? "grid gap-1.5" : "grid w-44 gap-1.5"} data-testid="quota-meter">
      <div className="flex justify-between gap-2 text-xs tabular-nums">
        <span className="text-zinc-500">
          {formatUsd(used)} used{periodic ? ` ${PERIOD_WORDS[token.quotaPeriod]}` : ""}
        </span>
        <span className="font-medium">{formatUsd(token.remainingQuota ?? 0)} left</span>
      </div>
      <Progress value={pct} label={`Quota used: ${Math.round(pct)}%`} />
      {periodic && token.periodResetsAt ? (
        <span className="text-xs text-zinc-500">
          Resets <LocalDate value={token.periodResetsAt} />
        </span>
      ) : null}
    </div>
  );
}
