import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Coins, Gauge, Send } from "lucide-react";
import { UsageChart } from "@/components/charts/usage-chart";
import { StatCard } from "@/components/dashboard/stat-card";
import { PageHeader } from "@/components/layout/page-header";
import { QuotaMeter } from "@/components/tokens/quota-meter";
import { TokenDetailActions } from "@/components/tokens/token-detail-actions";
import { TokenProperties } from "@/components/tokens/token-properties";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { tokenState } from "@/components/tokens/types";
import { ModelSpendTable, UsageRecordsTable } from "@/components/usage/usage-tables";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageActor } from "@/lib/dashboard/actor";
import { fillDays, windowStart } from "@/lib/dashboard/series";
import { tokenGroupOptions } from "@/lib/dashboard/token-options";
import { ApiError } from "@/lib/errors";
import { formatCredits, formatNumber, formatUsd } from "@/lib/format";
import { readToken, tokenToJson } from "@/lib/tokens";
import { usagePage, usageSummary, usageToJson } from "@/lib/usage";

export const metadata = { title: "Token" };

async function loadToken(actor: Awaited<ReturnType<typeof requirePageActor>>["actor"], raw: string) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    const token = await readToken(actor, id);
    // Admins may read anyone's token through the API; this page shows only the user's own.
    if (token.userId !== actor.user?.id) notFound();
    return token;
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    throw err;
  }
}

export default async function TokenPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, actor } = await requirePageActor();
  const record = await loadToken(actor, (await params).id);
  const token = tokenToJson(record);
  const from = windowStart(30);
  const scope = { userId: user.id, tokenId: token.id };
  const [days, models, recent, groups] = await Promise.all([
    usageSummary(actor, { ...scope, groupBy: "day", from }),
    usageSummary(actor, { ...scope, groupBy: "model" }),
    usagePage(actor, { ...scope, limit: 10 }),
    tokenGroupOptions(user),
  ]);
  const series = fillDays(days, from, 30);
  const requests30 = series.reduce((s, d) => s + d.requests, 0);
  const cost30 = series.reduce((s, d) => s + d.cost, 0);

  return (
    <>
      <Link href="/dashboard/tokens" className="mb-3 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900">
        <ArrowLeft className="h-4 w-4" aria-hidden /> Tokens
      </Link>
      <PageHeader title={token.name} description={`Key ${token.keyPreview}`} actions={<TokenDetailActions token={token} groups={groups} />} />
      <div className="mb-6 flex items-center gap-2 text-sm">
        <TokenStatusBadge state={tokenState(token)} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card className="p-5">
          <div className="flex items-center justify-between text-sm text-zinc-500">
            <span>Remaining quota</span>
            <Gauge className="h-4 w-4 text-zinc-400" aria-hidden />
          </div>
          <p className="mt-2 text-2xl font-semibold tracking-tight tabular-nums" data-testid="remaining-quota">
            {token.remainingQuota === null ? "Unlimited" : formatCredits(token.remainingQuota)}
          </p>
          <div className="mt-2">
            <QuotaMeter token={token} wide />
          </div>
        </Card>
        <StatCard label="Credits used (total)" value={formatCredits(token.usedQuota)} sub={formatUsd(token.usedQuota)} icon={Coins} testId="used-quota" />
        <StatCard label="Requests (30 days)" value={formatNumber(requests30)} sub={`${formatCredits(cost30)} credits · ${formatUsd(cost30)}`} icon={Send} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card>
          <CardHeader>
            <CardTitle>Usage over time</CardTitle>
            <CardDescription>Credits and requests per day (UTC), last 30 days.</CardDescription>
          </CardHeader>
          <CardContent>
            <UsageChart data={series} />
          </CardContent>
        </Card>
        <TokenProperties token={token} />
      </div>
      <section className="mt-8 grid gap-3" aria-labelledby="spend-per-model">
        <h2 id="spend-per-model" className="text-lg font-semibold">Spend per model</h2>
        <ModelSpendTable data={models} />
      </section>
      <section className="mt-8 grid gap-3" aria-labelledby="recent-requests">
        <div className="flex items-end justify-between gap-2">
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
