import Link from "next/link";
import { CalendarDays, KeyRound, Send, Wallet } from "lucide-react";
import { UsageChart } from "@/components/charts/usage-chart";
import { StatCard } from "@/components/dashboard/stat-card";
import { PageHeader } from "@/components/layout/page-header";
import { BaseUrl } from "@/components/onboarding/base-url";
import { NextSteps } from "@/components/onboarding/next-steps";
import { SnippetTabs } from "@/components/onboarding/snippet-tabs";
import { ModelSpendTable } from "@/components/usage/usage-tables";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageActor } from "@/lib/dashboard/actor";
import { lastDays } from "@/lib/dashboard/series";
import { calendarStarts, startOfDay } from "@/lib/time-zone";
import { gatewayOrigin, viewerTimeZone } from "@/lib/dashboard/viewer";
import { formatCredits, formatNumber, formatUsd } from "@/lib/format";
import { modelsForGroup } from "@/lib/services/models";
import { listTokens } from "@/lib/services/tokens";
import { scopeUsage } from "@/lib/services/usage";
import { usageBy, usageByDay } from "@/lib/services/usage-summary";
import { ZoneName } from "@/components/layout/time-zone";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { user, actor } = await requirePageActor();
  const [zone, origin] = await Promise.all([viewerTimeZone(), gatewayOrigin()]);
  const available = user.balance - user.heldBalance;
  const { today: todayStart, month: monthStart } = calendarStarts(zone);
  const { fromDay, toDay } = lastDays(30, zone);
  const own = await scopeUsage(actor, {});
  const [series, month, today, models, tokens, callable] = await Promise.all([
    usageByDay(own, zone, fromDay, toDay),
    usageBy({ ...own, from: monthStart }, "model"),
    usageBy({ ...own, from: todayStart }, "model"),
    usageBy({ ...own, from: startOfDay(fromDay, zone) }, "model"),
    listTokens(actor, user.id),
    modelsForGroup(user.group),
  ]);
  const total = (buckets: { cost: number; requests: number }[], k: "cost" | "requests") => buckets.reduce((s, b) => s + b[k], 0);
  const activeTokens = tokens.filter((t) => t.status === "active").length;
  const everUsed = models.length > 0 || tokens.some((t) => t.lastUsedAt !== null);

  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${user.email}, group ${user.group}.`} />
      <NextSteps hasBalance={available > 0} hasToken={tokens.length > 0} hasUsage={everUsed} isAdmin={actor.isAdmin} />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <StatCard label="Balance" value={formatUsd(available)} sub={formatCredits(available)} icon={Wallet} testId="balance" />
        <StatCard
          label="Spend this month"
          value={formatUsd(total(month, "cost"))}
          sub={`${formatCredits(total(month, "cost"))} · ${formatNumber(total(month, "requests"))} requests`}
          icon={CalendarDays}
          testId="month-spend"
        />
        <StatCard label="Requests today" value={formatNumber(total(today, "requests"))} sub={`${formatUsd(total(today, "cost"))} spent`} icon={Send} testId="requests-today" />
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
          <CardTitle>Connect an application</CardTitle>
          <CardDescription>Any OpenAI client works: give it this base URL and one of your tokens as the API key.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <BaseUrl origin={origin} />
          <SnippetTabs origin={origin} model={callable[0]?.name ?? "gpt-4o-mini"} />
        </CardContent>
      </Card>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Last 30 days</CardTitle>
          <CardDescription>
            Spend and requests per day, in your time zone (<ZoneName />).
          </CardDescription>
        </CardHeader>
        <CardContent>
          <UsageChart data={series} height={280} />
        </CardContent>
      </Card>
      <section className="mt-8 grid grid-cols-1 gap-3" aria-labelledby="top-models">
        <div className="flex items-end justify-between gap-2">
          <h2 id="top-models" className="text-lg font-semibold">
            Top models, last 30 days
          </h2>
          <Link href="/dashboard/usage" className="text-sm font-medium underline underline-offset-4">
            Request log
          </Link>
        </div>
        <ModelSpendTable data={models.slice(0, 5)} />
      </section>
    </>
  );
}
