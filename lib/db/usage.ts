import { databaseProvider, getDb, Prisma } from "@/lib/db/client";

const usageSelect = {
  id: true,
  requestId: true,
  userId: true,
  tokenId: true,
  tokenName: true,
  model: true,
  channelId: true,
  promptTokens: true,
  completionTokens: true,
  cachedTokens: true,
  cost: true,
  status: true,
  stream: true,
  estimated: true,
  latencyMs: true,
  createdAt: true,
} satisfies Prisma.UsageRecordSelect;

/** A usage record, its cost in credits as a number. */
export type UsageRow = Omit<Prisma.UsageRecordGetPayload<{ select: typeof usageSelect }>, "cost"> & { cost: number };

/** Which records a listing or summary covers; `from` inclusive, `to` exclusive. */
export type UsageFilter = {
  /** undefined = every user */
  userId?: number;
  tokenId?: number;
  model?: string;
  from?: Date;
  to?: Date;
  /** "success": HTTP status below 400; "error": 400 and above */
  status?: "success" | "error";
};

function where(f: UsageFilter) {
  return {
    ...(f.userId !== undefined && { userId: f.userId }),
    ...(f.tokenId !== undefined && { tokenId: f.tokenId }),
    ...(f.model !== undefined && { model: f.model }),
    ...(f.status && { status: f.status === "success" ? { lt: 400 } : { gte: 400 } }),
    ...((f.from || f.to) && { createdAt: { ...(f.from && { gte: f.from }), ...(f.to && { lt: f.to }) } }),
  };
}

/** One page of usage records, newest (highest id) first, strictly below `beforeId` when given. */
export async function listUsage(f: UsageFilter, page: { beforeId?: number; limit: number }): Promise<UsageRow[]> {
  const rows = await getDb().usageRecord.findMany({
    where: { ...where(f), ...(page.beforeId !== undefined && { id: { lt: page.beforeId } }) },
    orderBy: { id: "desc" },
    take: page.limit,
    select: usageSelect,
  });
  return rows.map((r) => ({ ...r, cost: Number(r.cost) }));
}

export type UsageBucket = {
  key: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
};

const num = (v: bigint | number | null | undefined) => Number(v ?? 0);

/** Totals per model, dearest first. */
export async function summarizeByModel(f: UsageFilter): Promise<UsageBucket[]> {
  const groups = await getDb().usageRecord.groupBy({
    by: ["model"],
    where: where(f),
    _count: { _all: true },
    _sum: { promptTokens: true, completionTokens: true, cost: true },
  });
  return sortByCost(
    groups.map((g) => ({
      key: g.model,
      requests: g._count._all,
      promptTokens: num(g._sum.promptTokens),
      completionTokens: num(g._sum.completionTokens),
      cost: num(g._sum.cost),
    })),
  );
}

/** Totals per token (key = token id as a string, with its latest name), dearest first. */
export async function summarizeByToken(f: UsageFilter): Promise<(UsageBucket & { tokenName: string })[]> {
  // Grouped by name too, because a renamed token has records under several names; merged below.
  const groups = await getDb().usageRecord.groupBy({
    by: ["tokenId", "tokenName"],
    where: where(f),
    _count: { _all: true },
    _sum: { promptTokens: true, completionTokens: true, cost: true },
    _max: { id: true },
  });
  const byToken = new Map<number, UsageBucket & { tokenName: string; lastId: number }>();
  for (const g of groups) {
    const b = byToken.get(g.tokenId) ?? {
      key: String(g.tokenId),
      tokenName: g.tokenName,
      lastId: 0,
      requests: 0,
      promptTokens: 0,
      completionTokens: 0,
      cost: 0,
    };
    b.requests += g._count._all;
    b.promptTokens += num(g._sum.promptTokens);
    b.completionTokens += num(g._sum.completionTokens);
    b.cost += num(g._sum.cost);
    if (num(g._max.id) > b.lastId) {
      b.lastId = num(g._max.id);
      b.tokenName = g.tokenName;
    }
    byToken.set(g.tokenId, b);
  }
  return sortByCost([...byToken.values()].map(({ lastId: _, ...b }) => b));
}

/**
 * Totals per UTC day (`YYYY-MM-DD`), oldest first. Raw SQL because the day of a timestamp is
 * provider-specific: PostgreSQL keeps `timestamp(3)` in UTC; Prisma's SQLite adapter stores
 * ISO-8601 text (`…+00:00`), or epoch milliseconds when configured so.
 */
export async function summarizeByDay(f: UsageFilter): Promise<UsageBucket[]> {
  const day =
    databaseProvider() === "postgresql"
      ? Prisma.sql`to_char("createdAt", 'YYYY-MM-DD')`
      : Prisma.sql`CASE WHEN typeof("createdAt") = 'integer' THEN date("createdAt" / 1000, 'unixepoch') ELSE date("createdAt") END`;
  const conditions: Prisma.Sql[] = [];
  if (f.userId !== undefined) conditions.push(Prisma.sql`"userId" = ${f.userId}`);
  if (f.tokenId !== undefined) conditions.push(Prisma.sql`"tokenId" = ${f.tokenId}`);
  if (f.model !== undefined) conditions.push(Prisma.sql`"model" = ${f.model}`);
  if (f.status) conditions.push(f.status === "success" ? Prisma.sql`"status" < 400` : Prisma.sql`"status" >= 400`);
  if (f.from) conditions.push(Prisma.sql`"createdAt" >= ${f.from}`);
  if (f.to) conditions.push(Prisma.sql`"createdAt" < ${f.to}`);
  const whereSql = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await getDb().$queryRaw<
    { key: string; requests: bigint | number; promptTokens: bigint | number; completionTokens: bigint | number; cost: bigint | number }[]
  >`
    SELECT ${day} AS "key",
           CAST(COUNT(*) AS BIGINT) AS "requests",
           CAST(SUM("promptTokens") AS BIGINT) AS "promptTokens",
           CAST(SUM("completionTokens") AS BIGINT) AS "completionTokens",
           CAST(SUM("cost") AS BIGINT) AS "cost"
    FROM "usage_records" ${whereSql}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    key: String(r.key),
    requests: num(r.requests),
    promptTokens: num(r.promptTokens),
    completionTokens: num(r.completionTokens),
    cost: num(r.cost),
  }));
}

function sortByCost<T extends UsageBucket>(buckets: T[]): T[] {
  return buckets.sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
