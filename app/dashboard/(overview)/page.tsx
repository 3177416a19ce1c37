import Link from "next/link";
import { CalendarDays, KeyRound, Send, Wallet } from "lucide-react";
import { UsageChart } from "@/components/charts/usage-chart";
import { StatCard } from "@/components/dashboard/stat-card";
import { PageHeader } from "@/components/layout/page-header";
import { ModelSpendTable } from "@/components/usage/usage-tables";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageActor } from "@/lib/dashboard/actor";
import { fillDays, windowStart } from "@/lib/dashboard/series";
import { formatCredits, formatNumber, formatUsd } from "@/lib/format";
import { listTokens } from "@/lib/services/tokens";
import { summarizeUsage } from "@/lib/services/usage";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { user, actor } = await requirePageActor();
  const available = user.balance - user.heldBalance;
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = windowStart(30, now);
  const scope = { userId: user.id };
  const [days, month, models, tokens] = await Promise.all([
    summarizeUsage(actor, { ...scope, groupBy: "day", from }),
    summarizeUsage(actor, { ...scope, groupBy: "model", from: monthStart }),
    summarizeUsage(actor, { ...scope, groupBy: "model", from }),
    listTokens(actor, user.id),
  ]);
  const series = fillDays(days, from, 30);
  const today = series[series.length - 1];
  const monthCost = month.reduce((s, b) => s + b.cost, 0);
  const monthRequests = month.reduce((s, b) => s + b.requests, 0);
  const activeTokens = tokens.filter((t) => t.status === "active").length;

  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${user.email}, group ${user.group}.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Balance" value={formatCredits(available)} unit="credits" sub={formatUsd(available)} icon={Wallet} testId="balance" />
        <StatCard
          label="Spend this month"
          value={formatCredits(monthCost)}
          unit="credits"
          sub={`${formatUsd(monthCost)} · ${formatNumber(monthRequests)} requests`}
          icon={CalendarDays}
          testId="month-spend"
        />
        <StatCard label="Requests today" value={formatNumber(today.requests)} sub={`${formatCredits(today.cost)} credits (UTC day)`} icon={Send} testId="requests-today" />
        <StatCard
          label="Active tokens"
          value={formatNumber(activeTokens)}
          sub={
            <Link href="/dashboard/tokens" className="underline underline-offset-4">
              Manage tokens
            </Link>
          }
          icon={KeyRound}
        />
      </div>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Last 30 days</CardTitle>
          <CardDescription>Credits spent and requests made per day (UTC).</CardDescription>
        </CardHeader>
        <CardContent>
          <UsageChart data={series} height={280} />
        </CardContent>
      </Card>
      <section className="mt-8 grid grid-cols-1 gap-3" aria-labelledby="top-models">
        <div className="flex items-end justify-between gap-2">
          <h2 id="top-models" className="text-lg font-semibold">Top models, last 30 days</h2>
          <Link href="/dashboard/usage" className="text-sm font-medium underline underline-offset-4">
            Request log
          </Link>
        </div>
        <ModelSpendTable data={models.slice(0, 5)} />
      </section>
    </>
  );
}
