import { AlertTriangle, Coins, Hash, Send } from "lucide-react";
import { RequestsChart } from "@/components/charts/requests-chart";
import { SpendByModelChart } from "@/components/charts/spend-by-model-chart";
import { StatCard } from "@/components/dashboard/stat-card";
import { PageHeader } from "@/components/layout/page-header";
import { ZoneName } from "@/components/layout/time-zone";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BreakdownTable } from "@/components/usage/breakdown-table";
import { LogPager } from "@/components/usage/log-pager";
import { UsageFilters } from "@/components/usage/usage-filters";
import { UsageRecordsTable } from "@/components/usage/usage-tables";
import { listUsers } from "@/lib/db/users";
import { requirePageActor } from "@/lib/dashboard/actor";
import { exportHref, usagePageParamsSchema, usageQueryString, type BreakdownView } from "@/lib/dashboard/usage-params";
import { usageView } from "@/lib/dashboard/usage-view";
import { viewerTimeZone } from "@/lib/dashboard/viewer";
import { formatCredits, formatNumber, formatUsd } from "@/lib/format";
import { listTokens } from "@/lib/services/tokens";
import { usageLogPage, usageToJson } from "@/lib/services/usage";
import { channelStats, usageBy, usageByDay } from "@/lib/services/usage-summary";

export const metadata = { title: "Usage" };

export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, actor } = await requirePageActor();
  const zone = await viewerTimeZone();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v.at(-1) : v]));
  const params = usagePageParamsSchema.parse(raw);
  const v = await usageView(actor, params, zone);
  const { tokenId: _t, model: _m, ...withoutChoices } = v.filter;

  const [log, days, byModel, breakdown, tokenUsage, modelUsage, tokens, users] = await Promise.all([
    usageLogPage(actor, { ...v.filter, userId: v.everyone ? "all" : v.filter.userId, sort: v.log.by, desc: v.log.desc, page: v.log.page, limit: v.log.limit }),
    usageByDay(v.filter, zone, v.fromDay, v.toDay),
    usageBy(v.filter, "model"),
    v.view === "channel" ? channelStats(v.filter) : v.view === "day" ? Promise.resolve(null) : usageBy(v.filter, v.view),
    usageBy({ ...withoutChoices, model: v.filter.model }, "token"),
    usageBy({ ...withoutChoices, tokenId: v.filter.tokenId }, "model"),
    v.everyone ? Promise.resolve([]) : listTokens(actor, v.filter.userId),
    actor.isAdmin ? listUsers() : Promise.resolve(null),
  ]);
  const sum = (k: "requests" | "errors" | "cost" | "promptTokens" | "completionTokens") => byModel.reduce((s, b) => s + b[k], 0);
  const breakdownRows = breakdown ?? days.filter((d) => d.requests > 0).map(({ day, byModel: _, ...t }) => ({ key: day, label: day, ...t }));

  // Deleted tokens keep their records, so the filter offers every token that has usage too.
  const tokenOptions = new Map<string, string>(tokens.map((t) => [String(t.id), t.name]));
  for (const b of tokenUsage) if (!tokenOptions.has(b.key)) tokenOptions.set(b.key, v.everyone ? b.label : `${b.label} (deleted)`);
  const { page: _p, sort: _s, order: _o, ...keep } = params;
  const here = (over: Record<string, string | number | undefined>) => `/dashboard/usage${usageQueryString({ ...params, ...over })}`;
  const scope = `${v.everyone ? "everyone, " : ""}${params.from || params.to ? "in range" : v.filtered ? "matching" : "all time"}`;
  const errors = sum("errors");

  return (
    <>
      <PageHeader title="Usage" description={v.everyone ? "Every request through the gateway, by everyone." : "Every request made with your tokens."} />
      <UsageFilters
        params={params}
        tokens={[...tokenOptions].map(([value, label]) => ({ value, label }))}
        models={modelUsage.map((b) => b.key).sort()}
        users={users?.map((u) => ({ value: String(u.id), label: u.email }))}
        exportHref={exportHref(params, zone)}
      />
      {v.rangeError ? (
        <Alert variant="error" className="mt-4">
          {v.rangeError}
        </Alert>
      ) : null}
      <div className="mt-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <StatCard label={`Requests (${scope})`} value={formatNumber(sum("requests"))} icon={Send} testId="total-requests" />
        <StatCard label={`Spend (${scope})`} value={formatUsd(sum("cost"))} sub={formatCredits(sum("cost"))} icon={Coins} testId="total-spend" />
        <StatCard
          label="Failed"
          value={formatNumber(errors)}
          sub={sum("requests") ? `${Math.round((errors / sum("requests")) * 1000) / 10}% of requests` : "—"}
          icon={AlertTriangle}
          testId="total-errors"
        />
        <StatCard label="Tokens in / out" value={`${formatNumber(sum("promptTokens"))} / ${formatNumber(sum("completionTokens"))}`} icon={Hash} />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-[3fr_2fr]">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Spend per day, by model</CardTitle>
            <CardDescription>
              {v.fromDay} to {v.toDay}, days in your time zone (<ZoneName />).
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SpendByModelChart data={days} />
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Requests and failures per day</CardTitle>
            <CardDescription>The same days and filters.</CardDescription>
          </CardHeader>
          <CardContent>
            <RequestsChart data={days} height={280} />
          </CardContent>
        </Card>
      </div>
      <section className="mt-8 grid grid-cols-1 gap-3" aria-labelledby="breakdown">
        <h2 id="breakdown" className="text-lg font-semibold">
          Breakdown
        </h2>
        <BreakdownTable
          view={v.view}
          views={v.views}
          rows={breakdownRows}
          hrefFor={Object.fromEntries(v.views.map((b) => [b, here({ view: b })])) as Record<BreakdownView, string>}
        />
      </section>
      <section className="mt-8 grid grid-cols-1 gap-3" aria-labelledby="request-log">
        <h2 id="request-log" className="text-lg font-semibold">
          Request log
        </h2>
        <UsageRecordsTable
          data={log.data.map(usageToJson)}
          withToken
          resetHref={v.filtered ? "/dashboard/usage" : undefined}
          sort={{ by: v.log.sort, desc: v.log.desc, baseHref: `/dashboard/usage${usageQueryString({ ...keep })}` }}
        />
        <LogPager page={v.log.page} limit={v.log.limit} total={log.total} baseHref={`/dashboard/usage${usageQueryString({ ...keep, limit: undefined, sort: params.sort, order: params.order })}`} />
      </section>
    </>
  );
}
