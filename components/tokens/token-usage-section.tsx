import Link from "next/link";
import { Coins, Gauge, Send } from "lucide-react";
import { UsageChart } from "@/components/charts/usage-chart";
import { StatCard } from "@/components/dashboard/stat-card";
import { QuotaMeter } from "@/components/tokens/quota-meter";
import { TokenProperties } from "@/components/tokens/token-properties";
import type { TokenRow } from "@/components/tokens/types";
import { ModelSpendTable, UsageRecordsTable } from "@/components/usage/usage-tables";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/guards";
import { lastDays } from "@/lib/dashboard/series";
import { viewerTimeZone } from "@/lib/dashboard/viewer";
import { usageBy, usageByDay } from "@/lib/services/usage-summary";
import { ZoneName } from "@/components/layout/time-zone";
import { formatCredits, formatNumber, formatUsd } from "@/lib/format";
import { listUsage, scopeUsage, usageToJson } from "@/lib/services/usage";

/** A token's numbers, chart, spend per model and recent requests (server component, streamed). */
export async function TokenUsageSection({ actor, token }: { actor: Actor; token: TokenRow }) {
  const zone = await viewerTimeZone();
  const { fromDay, toDay } = lastDays(30, zone);
  const scope = await scopeUsage(actor, { userId: token.userId, tokenId: token.id });
  const [series, models, recent] = await Promise.all([
    usageByDay(scope, zone, fromDay, toDay),
    usageBy(scope, "model"),
    listUsage(actor, { ...scope, limit: 10 }),
  ]);
  const requests30 = series.reduce((s, d) => s + d.requests, 0);
  const cost30 = series.reduce((s, d) => s + d.cost, 0);

  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card className="p-5">
          <div className="flex items-center justify-between text-sm text-zinc-500">
            <span>Remaining quota</span>
            <Gauge className="h-4 w-4 text-zinc-400" aria-hidden />
          </div>
          <p className="mt-2 text-2xl font-semibold tracking-tight tabular-nums" data-testid="remaining-quota">
            {token.remainingQuota === null ? "Unlimited" : formatUsd(token.remainingQuota)}
          </p>
          {token.remainingQuota === null ? null : <p className="mt-1 text-sm text-zinc-500 tabular-nums">{formatCredits(token.remainingQuota)}</p>}
          <div className="mt-2">
            <QuotaMeter token={token} wide />
          </div>
        </Card>
        <StatCard label="Spent (total)" value={formatUsd(token.usedQuota)} sub={formatCredits(token.usedQuota)} icon={Coins} testId="used-quota" />
        <StatCard label="Requests (30 days)" value={formatNumber(requests30)} sub={`${formatUsd(cost30)} · ${formatCredits(cost30)}`} icon={Send} />
      </div>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-[3fr_2fr]">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Usage over time</CardTitle>
            <CardDescription>
              Spend and requests per day, last 30 days, in your time zone (<ZoneName />).
            </CardDescription>
          </CardHeader>
          <CardContent>
            <UsageChart data={series} />
          </CardContent>
        </Card>
        <TokenProperties token={token} />
      </div>
      <section className="mt-8 grid grid-cols-1 gap-3" aria-labelledby="spend-per-model">
        <h2 id="spend-per-model" className="text-lg font-semibold">Spend per model</h2>
        <ModelSpendTable data={models} />
      </section>
      <section className="mt-8 grid grid-cols-1 gap-3" aria-labelledby="recent-requests">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="recent-requests" className="text-lg font-semibold">Recent requests</h2>
          <Link href={`/dashboard/usage?tokenId=${token.id}`} className="text-sm font-medium underline underline-offset-4">
            All requests of this token
          </Link>
        </div>
        <UsageRecordsTable data={recent.data.map(usageToJson)} withToken={false} testId="token-usage-table" />
      </section>
    </>
  );
}
