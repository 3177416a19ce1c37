import { databaseProvider, getDb, Prisma } from "@/lib/db/client";
import type { UsageFilter } from "@/lib/db/usage";
import { getSetting } from "@/lib/db/settings";

/**
 * What totals can be grouped by. `quarter` is the 15-minute slot since the epoch (UTC): any time
 * zone's days are made of whole slots, even zones 30 or 45 minutes off the hour, so days are cut in
 * the viewer's zone afterwards, with its DST changes, by the service.
 */
export type SummaryKey = "model" | "tokenId" | "tokenName" | "userId" | "channelId" | "quarter";

/** Totals of one group. `keys` holds the grouped values; `latencyMs` is a sum, for averages. */
export type SummaryRow = {
  keys: Partial<Record<SummaryKey, string | number | null>>;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
  latencyMs: number;
  /** sum and count of the time to first byte, which only streams have */
  ttfbMs: number;
  ttfbCount: number;
  lastId: number;
};

export const QUARTER_MS = 15 * 60_000;

function keySql(key: SummaryKey): Prisma.Sql {
  if (key !== "quarter") return Prisma.raw(`"${key}"`);
  // PostgreSQL keeps timestamp(3) in UTC; Prisma's SQLite adapter stores ISO-8601 text (…+00:00),
  // or epoch milliseconds when configured so.
  return databaseProvider() === "postgresql"
    ? Prisma.sql`CAST(floor(extract(epoch from "createdAt") / 900) AS BIGINT)`
    : Prisma.sql`CAST((CASE WHEN typeof("createdAt") = 'integer' THEN "createdAt" / 1000 ELSE CAST(strftime('%s', "createdAt") AS INTEGER) END) / 900 AS INTEGER)`;
}

function whereSql(f: UsageFilter): Prisma.Sql {
  const c: Prisma.Sql[] = [];
  if (f.userId !== undefined) c.push(Prisma.sql`"userId" = ${f.userId}`);
  if (f.tokenId !== undefined) c.push(Prisma.sql`"tokenId" = ${f.tokenId}`);
  if (f.model !== undefined) c.push(Prisma.sql`"model" = ${f.model}`);
  if (f.channelId !== undefined) c.push(Prisma.sql`"channelId" = ${f.channelId}`);
  if (f.status) c.push(f.status === "success" ? Prisma.sql`"status" < 400` : Prisma.sql`"status" >= 400`);
  if (f.from) c.push(Prisma.sql`"createdAt" >= ${f.from}`);
  if (f.to) c.push(Prisma.sql`"createdAt" < ${f.to}`);
  return c.length ? Prisma.sql`WHERE ${Prisma.join(c, " AND ")}` : Prisma.empty;
}

const num = (v: bigint | number | null | undefined) => Number(v ?? 0);

/** Epoch ms below which usage survives only as totals (lib/db/usage-retention.ts); 0 when nothing was pruned. */
export async function totalsBoundary(): Promise<number> {
  return Number((await getSetting("usage.totalsBefore")) ?? 0);
}

/**
 * Requests, failures, tokens, cost and latency per combination of `by`: from the records, and for
 * the time before the retention boundary from the totals kept of the records pruned. Totals have
 * 15-minute slots: there, `from` and `to` count a slot when it starts inside them.
 */
export async function summarize(f: UsageFilter, by: readonly SummaryKey[]): Promise<SummaryRow[]> {
  const boundary = await totalsBoundary();
  if (boundary === 0 || (f.from && f.from.getTime() >= boundary)) return summarizeRecords(f, by);
  const recent = f.to && f.to.getTime() <= boundary ? [] : await summarizeRecords({ ...f, from: new Date(Math.max(boundary, f.from?.getTime() ?? 0)) }, by);
  const merged = new Map<string, SummaryRow>();
  for (const row of [...(await summarizeTotals(f, by, boundary)), ...recent]) {
    const key = JSON.stringify(by.map((k) => row.keys[k] ?? null));
    const m = merged.get(key);
    if (!m) {
      merged.set(key, { ...row });
      continue;
    }
    for (const k of ["requests", "errors", "promptTokens", "completionTokens", "cost", "latencyMs", "ttfbMs", "ttfbCount"] as const) m[k] += row[k];
    m.lastId = Math.max(m.lastId, row.lastId);
  }
  return [...merged.values()];
}

/** When the first matching usage happened (records, or totals of pruned ones); null when none. */
export async function firstUsageAt(f: UsageFilter): Promise<Date | null> {
  const [rec] = await getDb().$queryRaw<{ at: Date | string | null }[]>`SELECT MIN("createdAt") AS "at" FROM "usage_records" ${whereSql(f)}`;
  const at = rec?.at ? new Date(rec.at) : null;
  if ((await totalsBoundary()) === 0) return at;
  const c: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (f.userId !== undefined) c.push(Prisma.sql`"userId" = ${f.userId}`);
  if (f.tokenId !== undefined) c.push(Prisma.sql`"tokenId" = ${f.tokenId}`);
  if (f.model !== undefined) c.push(Prisma.sql`"model" = ${f.model}`);
  if (f.channelId !== undefined) c.push(Prisma.sql`"channelId" = ${f.channelId}`);
  if (f.from) c.push(Prisma.sql`"quarter" >= ${Math.ceil(f.from.getTime() / QUARTER_MS)}`);
  const [tot] = await getDb().$queryRaw<{ q: bigint | number | null }[]>`SELECT MIN("quarter") AS "q" FROM "usage_totals" WHERE ${Prisma.join(c, " AND ")}`;
  const old = tot?.q === null || tot?.q === undefined ? null : new Date(Number(tot.q) * QUARTER_MS);
  return old && (!at || old < at) ? old : at;
}

/** The totals kept of pruned records, in the shape of summarizeRecords. */
async function summarizeTotals(f: UsageFilter, by: readonly SummaryKey[], boundary: number): Promise<SummaryRow[]> {
  const c: Prisma.Sql[] = [];
  if (f.userId !== undefined) c.push(Prisma.sql`"userId" = ${f.userId}`);
  if (f.tokenId !== undefined) c.push(Prisma.sql`"tokenId" = ${f.tokenId}`);
  if (f.model !== undefined) c.push(Prisma.sql`"model" = ${f.model}`);
  if (f.channelId !== undefined) c.push(Prisma.sql`"channelId" = ${f.channelId}`);
  if (f.status) c.push(Prisma.sql`"failed" = ${f.status !== "success"}`);
  if (f.from) c.push(Prisma.sql`"quarter" >= ${Math.ceil(f.from.getTime() / QUARTER_MS)}`);
  c.push(Prisma.sql`"quarter" < ${Math.ceil(Math.min(boundary, f.to?.getTime() ?? boundary) / QUARTER_MS)}`);
  const keys = by.map((k, i) => Prisma.sql`${Prisma.raw(`"${k}"`)} AS ${Prisma.raw(`"k${i}"`)}`);
  const select = keys.length ? Prisma.sql`${Prisma.join(keys, ", ")},` : Prisma.empty;
  const group = keys.length ? Prisma.sql`GROUP BY ${Prisma.raw(by.map((_, i) => String(i + 1)).join(", "))}` : Prisma.empty;
  const rows = await getDb().$queryRaw<Record<string, bigint | number | string | null>[]>`
    SELECT ${select}
           CAST(SUM("requests") AS BIGINT) AS "requests",
           CAST(SUM("errors") AS BIGINT) AS "errors",
           CAST(SUM("promptTokens") AS BIGINT) AS "promptTokens",
           CAST(SUM("completionTokens") AS BIGINT) AS "completionTokens",
           CAST(SUM("cost") AS BIGINT) AS "cost",
           CAST(SUM("latencyMs") AS BIGINT) AS "latencyMs",
           CAST(SUM("ttfbMs") AS BIGINT) AS "ttfbMs",
           CAST(SUM("ttfbCount") AS BIGINT) AS "ttfbCount",
           CAST(MAX("lastId") AS BIGINT) AS "lastId"
    FROM "usage_totals" WHERE ${Prisma.join(c, " AND ")} ${group}`;
  return toRows(rows, by);
}

/** Requests, failures, tokens, cost and latency of the matching records, per combination of `by`. */
async function summarizeRecords(f: UsageFilter, by: readonly SummaryKey[]): Promise<SummaryRow[]> {
  const keys = by.map((k, i) => Prisma.sql`${keySql(k)} AS ${Prisma.raw(`"k${i}"`)}`);
  const select = keys.length ? Prisma.sql`${Prisma.join(keys, ", ")},` : Prisma.empty;
  const group = keys.length ? Prisma.sql`GROUP BY ${Prisma.raw(by.map((_, i) => String(i + 1)).join(", "))}` : Prisma.empty;
  const rows = await getDb().$queryRaw<Record<string, bigint | number | string | null>[]>`
    SELECT ${select}
           CAST(COUNT(*) AS BIGINT) AS "requests",
           CAST(SUM(CASE WHEN "status" >= 400 THEN 1 ELSE 0 END) AS BIGINT) AS "errors",
           CAST(SUM("promptTokens") AS BIGINT) AS "promptTokens",
           CAST(SUM("completionTokens") AS BIGINT) AS "completionTokens",
           CAST(SUM("cost") AS BIGINT) AS "cost",
           CAST(SUM("latencyMs") AS BIGINT) AS "latencyMs",
           CAST(SUM("ttfbMs") AS BIGINT) AS "ttfbMs",
           CAST(COUNT("ttfbMs") AS BIGINT) AS "ttfbCount",
           CAST(MAX("id") AS BIGINT) AS "lastId"
    FROM "usage_records" ${whereSql(f)} ${group}`;
  return toRows(rows, by);
}

function toRows(rows: Record<string, bigint | number | string | null>[], by: readonly SummaryKey[]): SummaryRow[] {
  return rows
    .filter((r) => num(r.requests as bigint) > 0)
    .map((r) => ({
      keys: Object.fromEntries(by.map((k, i) => [k, typeof r[`k${i}`] === "bigint" ? Number(r[`k${i}`]) : (r[`k${i}`] as string | number | null)])),
      requests: num(r.requests as bigint),
      errors: num(r.errors as bigint),
      promptTokens: num(r.promptTokens as bigint),
      completionTokens: num(r.completionTokens as bigint),
      cost: num(r.cost as bigint),
      latencyMs: num(r.latencyMs as bigint),
      ttfbMs: num(r.ttfbMs as bigint),
      ttfbCount: num(r.ttfbCount as bigint),
      lastId: num(r.lastId as bigint),
    }));
}
