import { getDb, type Prisma } from "@/lib/db/client";

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
  ttfbMs: true,
  upstreamModel: true,
  cacheWriteTokens: true,
  cacheWrite1hTokens: true,
  reasoningTokens: true,
  errorCode: true,
  errorMessage: true,
  attempts: true,
  clientIp: true,
  userAgent: true,
  createdAt: true,
} satisfies Prisma.UsageRecordSelect;

/** One channel tried for a call, in order. */
export type UsageAttempt = { channelId: number | null; status: number | null; error: string | null; ms: number };

/** A usage record, its cost in credits as a number and its attempts read back from JSON. */
export type UsageRow = Omit<Prisma.UsageRecordGetPayload<{ select: typeof usageSelect }>, "cost" | "attempts"> & { cost: number; attempts: UsageAttempt[] };

/** A Json column of attempts, defensively: anything that is not one is dropped. */
function attemptList(v: unknown): UsageAttempt[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((a): a is Record<string, unknown> => !!a && typeof a === "object")
    .map((a) => ({
      channelId: typeof a.channelId === "number" ? a.channelId : null,
      status: typeof a.status === "number" ? a.status : null,
      error: typeof a.error === "string" ? a.error : null,
      ms: typeof a.ms === "number" ? a.ms : 0,
    }));
}

/** Which records a listing or summary covers; `from` inclusive, `to` exclusive. */
export type UsageFilter = {
  /** undefined = every user */
  userId?: number;
  tokenId?: number;
  model?: string;
  channelId?: number;
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
    ...(f.channelId !== undefined && { channelId: f.channelId }),
    ...(f.status && { status: f.status === "success" ? { lt: 400 } : { gte: 400 } }),
    ...((f.from || f.to) && { createdAt: { ...(f.from && { gte: f.from }), ...(f.to && { lt: f.to }) } }),
  };
}

/** The columns a listing may be sorted by (newest first is `id` descending). */
export type UsageSort = "id" | "cost" | "latencyMs" | "status" | "model" | "tokenName";

/**
 * One page of usage records: newest (highest id) first and strictly below `beforeId` when given
 * (cursor paging), or sorted by `sort` and `offset` rows in (the dashboard's numbered pages).
 */
export async function listUsage(
  f: UsageFilter,
  page: { beforeId?: number; limit: number; offset?: number; sort?: UsageSort; desc?: boolean },
): Promise<UsageRow[]> {
  const dir = page.desc === false ? "asc" : "desc";
  const rows = await getDb().usageRecord.findMany({
    where: { ...where(f), ...(page.beforeId !== undefined && { id: { lt: page.beforeId } }) },
    // The id breaks ties, so a page boundary never shows a record twice or skips one.
    orderBy: !page.sort || page.sort === "id" ? [{ id: dir }] : [{ [page.sort]: dir }, { id: dir }],
    skip: page.offset,
    take: page.limit,
    select: usageSelect,
  });
  return rows.map((r) => ({ ...r, cost: Number(r.cost), attempts: attemptList(r.attempts) }));
}

/** How many records match. */
export function countUsage(f: UsageFilter): Promise<number> {
  return getDb().usageRecord.count({ where: where(f) });
}

/** The latency of the record at `offset` in latency order (for percentiles), or null past the end. */
export async function latencyAt(f: UsageFilter, offset: number): Promise<number | null> {
  const row = await getDb().usageRecord.findFirst({ where: where(f), orderBy: [{ latencyMs: "asc" }, { id: "asc" }], skip: offset, select: { latencyMs: true } });
  return row?.latencyMs ?? null;
}
