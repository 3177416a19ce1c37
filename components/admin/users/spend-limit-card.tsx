import { Gauge } from "lucide-react";
import { StatCard } from "@/components/dashboard/stat-card";
import { LocalDate } from "@/components/ui/local-date";
import type { UserRow } from "@/components/admin/users/types";
import { formatUsd } from "@/lib/format";

const PER = { daily: "day", weekly: "week", monthly: "month" } as const;

/** A user's spend limit: what is left in the period, what was spent, and when it resets. */
export function SpendLimitCard({ user }: { user: Pick<UserRow, "spendLimit" | "spendLimitPeriod" | "periodSpent" | "periodResetsAt"> }) {
  if (user.spendLimit === null) {
    return <StatCard label="Spend limit" icon={Gauge} value="None" sub="Only the balance limits spending." testId="user-spend-limit" />;
  }
  const left = Math.max(0, user.spendLimit - user.periodSpent);
  return (
    <StatCard
      label={`Spend limit per ${PER[user.spendLimitPeriod]}`}
      icon={Gauge}
      value={`${formatUsd(left)} left`}
      sub={
        <>
          {formatUsd(user.periodSpent)} of {formatUsd(user.spendLimit)} spent · resets <LocalDate value={user.periodResetsAt} mode="date" />
        </>
      }
      testId="user-spend-limit"
    />
  );
}
