import { listChannels } from "@/lib/db/channels";
import type { UsageFilter } from "@/lib/db/usage";
import { countUsage, latencyAt } from "@/lib/db/usage";
import { QUARTER_MS, summarize, totalsBoundary, type SummaryRow } from "@/lib/db/usage-summary";
import { listUsers } from "@/lib/db/users";
import { addDays, startOfDay, zonedDay } from "@/lib/time-zone";

/** Totals of one group of usage records: a model, a token, a user, a channel or a day. */
export type UsageBucket = {
  key: string;
  /** What people read for the key: a token's latest name, a user's email, a channel's name. */
  label: string;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
};

export type Breakdown = "model" | "token" | "user" | "channel";

const bucket = (key: string, label: string, r: SummaryRow): UsageBucket => ({
  key,
  label,
  requests: r.requests,
  errors: r.errors,
  promptTokens: r.promptTokens,
  completionTokens: r.completionTokens,
  cost: r.cost,
});

const byCost = <T extends { cost: number; key: string }>(xs: T[]) => xs.sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Totals per model, token (by id, under its latest name), user or channel, dearest first. */
export async function usageBy(filter: UsageFilter, by: Breakdown): Promise<UsageBucket[]> {
  if (by === "model") return byCost((await summarize(filter, ["model"])).map((r) => bucket(String(r.keys.model), String(r.keys.model), r)));
  if (by === "token") {
    // Grouped by name too, because a renamed token has records under several names; merged here.
    const merged = new Map<number, { row: UsageBucket; lastId: number }>();
    for (const r of await summarize(filter, ["tokenId", "tokenName"])) {
      const id = Number(r.keys.tokenId);
      const m = merged.get(id);
      if (!m) {
        merged.set(id, { row: bucket(String(id), String(r.keys.tokenName), r), lastId: r.lastId });
        continue;
      }
      for (const k of ["requests", "errors", "promptTokens", "completionTokens", "cost"] as const) m.row[k] += r[k];
      if (r.lastId > m.lastId) Object.assign(m, { lastId: r.lastId, row: { ...m.row, label: String(r.keys.tokenName) } });
    }
    return byCost([...merged.values()].map((m) => m.row));
  }
  if (by === "user") {
    const emails = new Map((await listUsers()).map((u) => [u.id, u.email]));
    return byCost((await summarize(filter, ["userId"])).map((r) => bucket(String(r.keys.userId), emails.get(Number(r.keys.userId)) ?? `User ${r.keys.userId} (deleted)`, r)));
  }
  const names = new Map((await listChannels()).map((c) => [c.id, c.name]));
  return byCost(
    (await summarize(filter, ["channelId"])).map((r) =>
      r.keys.channelId == null ? bucket("none", "No channel (refused before routing)", r) : bucket(String(r.keys.channelId), names.get(Number(r.keys.channelId)) ?? `Channel ${r.keys.channelId} (deleted)`, r),
    ),
  );
}

/** One day of usage in the viewer's zone, with the spend of each model. */
export type UsageDay = Omit<UsageBucket, "key" | "label"> & { day: string; byModel: Record<string, number> };

/**
 * Every day from `fromDay` to `toDay` (`YYYY-MM-DD`, both included) as the viewer's `zone` cuts them,
 * zero-filled where nothing happened. The filter's own dates, if any, narrow it further.
 */
export async function usageByDay(filter: UsageFilter, zone: string, fromDay: string, toDay: string): Promise<UsageDay[]> {
  const from = startOfDay(fromDay, zone);
  const to = startOfDay(addDays(toDay, 1), zone);
  const window = { ...filter, from: filter.from && filter.from > from ? filter.from : from, to: filter.to && filter.to < to ? filter.to : to };
  const days = new Map<string, UsageDay>();
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) days.set(d, { day: d, requests: 0, errors: 0, promptTokens: 0, completionTokens: 0, cost: 0, byModel: {} });
  for (const r of await summarize(window, ["quarter", "model"])) {
    const day = days.get(zonedDay(new Date(Number(r.keys.quarter) * QUARTER_MS), zone));
    if (!day) continue;
    for (const k of ["requests", "errors", "promptTokens", "completionTokens", "cost"] as const) day[k] += r[k];
    const model = String(r.keys.model);
    day.byModel[model] = (day.byModel[model] ?? 0) + r.cost;
  }
  return [...days.values()];
}

/** A channel's traffic: its totals, error rate and latency (average, median, 95th percentile). */
export type ChannelStats = UsageBucket & {
  errorRate: number;
  avgLatencyMs: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  /** average time to the first byte of streams; null without streams */
  avgTtfbMs: number | null;
};

/** Per channel: spend, requests, error rate, latency percentiles and time to first byte of the matching records. */
export async function channelStats(filter: UsageFilter): Promise<ChannelStats[]> {
  const names = new Map((await listChannels()).map((c) => [c.id, c.name]));
  const rows = (await summarize(filter, ["channelId"])).filter((r) => r.keys.channelId != null);
  const stats = await Promise.all(
    rows.map(async (r) => {
      const id = Number(r.keys.channelId);
      const scoped = { ...filter, channelId: id };
      // Nearest-rank percentiles: the smallest latency at least p of the requests did not exceed. Only
      // the records kept have latencies: after a retention prune, the percentiles are of those.
      const kept = (await totalsBoundary()) > 0 ? await countUsage(scoped) : r.requests;
      const rank = (p: number) => Math.max(0, Math.ceil(p * kept) - 1);
      const [p50, p95] = await Promise.all([latencyAt(scoped, rank(0.5)), latencyAt(scoped, rank(0.95))]);
      return {
        ...bucket(String(id), names.get(id) ?? `Channel ${id} (deleted)`, r),
        errorRate: r.errors / r.requests,
        avgLatencyMs: Math.round(r.latencyMs / r.requests),
        p50LatencyMs: p50,
        p95LatencyMs: p95,
        avgTtfbMs: r.ttfbCount ? Math.round(r.ttfbMs / r.ttfbCount) : null,
      };
    }),
  );
  return byCost(stats);
}
