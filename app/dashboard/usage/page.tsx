import { Coins, Hash, Send } from "lucide-react";
import { UsageChart } from "@/components/charts/usage-chart";
import { StatCard } from "@/components/dashboard/stat-card";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { LogPager } from "@/components/usage/log-pager";
import { UsageFilters } from "@/components/usage/usage-filters";
import { UsageRecordsTable } from "@/components/usage/usage-tables";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageActor } from "@/lib/dashboard/actor";
import { daysBetween, fillDays, windowStart } from "@/lib/dashboard/series";
import { exportHref, usageFilterFromParams, usagePageParamsSchema, usageQueryString } from "@/lib/dashboard/usage-params";
import { viewerTimeZone } from "@/lib/dashboard/viewer";
import { formatCredits, formatNumber, formatUsd } from "@/lib/format";
import { listTokens } from "@/lib/services/tokens";
import { listUsage, summarizeUsage, usageToJson } from "@/lib/services/usage";

export const metadata = { title: "Usage" };

export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, actor } = await requirePageActor();
  const zone = await viewerTimeZone();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v.at(-1) : v]));
  const params = usagePageParamsSchema.parse(raw);
  const { rangeError, ...filters } = usageFilterFromParams(params, zone);
  const filter = { userId: user.id, ...filters };
  const limit = params.limit ?? 50;

  // The chart spans the chosen dates, or the last 30 days when none are chosen.
  const chartTo = filter.to ?? new Date(windowStart(1).getTime() + 86_400_000);
  const chartFrom = filter.from ?? new Date(chartTo.getTime() - 30 * 86_400_000);
  const chartDays = daysBetween(chartFrom, chartTo);

  const [page, days, totals, byToken, byModel, tokens] = await Promise.all([
    listUsage(actor, { ...filter, cursor: params.cursor, limit }),
    summarizeUsage(actor, { ...filter, from: chartFrom, to: chartTo, groupBy: "day" }),
    summarizeUsage(actor, { ...filter, groupBy: "model" }),
    summarizeUsage(actor, { userId: user.id, groupBy: "token" }),
    summarizeUsage(actor, { userId: user.id, groupBy: "model" }),
    listTokens(actor, user.id),
  ]);
  const sum = (k: "requests" | "cost" | "promptTokens" | "completionTokens") => totals.reduce((s, b) => s + b[k], 0);

  // Deleted tokens keep their records, so the filter offers every token that has usage too.
  const tokenOptions = new Map<string, string>(tokens.map((t) => [String(t.id), t.name]));
  for (const b of byToken) if (!tokenOptions.has(b.key)) tokenOptions.set(b.key, `${(b as { tokenName?: string }).tokenName ?? b.key} (deleted)`);
  const { cursor: _cursor, ...filterParams } = params;
  const filtered = Boolean(params.tokenId || params.model || params.status || params.from || params.to);
  const scope = params.from || params.to ? "in range" : filtered ? "matching" : "all time";

  return (
    <>
      <PageHeader title="Usage" description="Every request made with your tokens, newest first." />
      <UsageFilters
        params={params}
        tokens={[...tokenOptions].map(([value, label]) => ({ value, label }))}
        models={byModel.map((b) => b.key).sort()}
        exportHref={exportHref(params, zone)}
      />
      {rangeError ? (
        <Alert variant="error" className="mt-4">
          {rangeError}
        </Alert>
      ) : null}
      <div className="mt-6 grid gap-4 sm:grid-cols-3">
        <StatCard label={`Requests (${scope})`} value={formatNumber(sum("requests"))} icon={Send} testId="total-requests" />
        <StatCard label={`Spend (${scope})`} value={formatUsd(sum("cost"))} sub={formatCredits(sum("cost"))} icon={Coins} testId="total-spend" />
        <StatCard label="Tokens in / out" value={`${formatNumber(sum("promptTokens"))} / ${formatNumber(sum("completionTokens"))}`} icon={Hash} />
      </div>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Spend and requests per day</CardTitle>
          <CardDescription>{params.from || params.to ? "Within the chosen dates (UTC days)." : "Last 30 days (UTC days)."}</CardDescription>
        </CardHeader>
        <CardContent>
          <UsageChart data={fillDays(days, chartFrom, chartDays)} />
        </CardContent>
      </Card>
      <section className="mt-8 grid grid-cols-1 gap-3" aria-labelledby="request-log">
        <h2 id="request-log" className="text-lg font-semibold">
          Request log
        </h2>
        <UsageRecordsTable data={page.data.map(usageToJson)} resetHref={filtered ? "/dashboard/usage" : undefined} />
        <LogPager
          newest={params.cursor ? `/dashboard/usage${usageQueryString(filterParams)}` : null}
          older={page.nextCursor ? `/dashboard/usage${usageQueryString({ ...filterParams, cursor: page.nextCursor })}` : null}
          limit={limit}
          sizeHref={`/dashboard/usage${usageQueryString({ ...filterParams, limit: undefined })}`}
        />
      </section>
    </>
  );
}
