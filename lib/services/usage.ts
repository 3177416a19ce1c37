import type { Actor } from "@/lib/auth/guards";
import * as db from "@/lib/db/usage";
import type { UsageFilter, UsageRow, UsageSort } from "@/lib/db/usage";
import { ApiError } from "@/lib/errors";
import { resolveOwner } from "@/lib/services/owner";
import { usageBy, usageByDay, type UsageBucket } from "@/lib/services/usage-summary";
import { firstUsageAt } from "@/lib/db/usage-summary";
import { DEFAULT_TIME_ZONE, zonedDay } from "@/lib/time-zone";
import type { UsageQuery, UsageSummaryQuery } from "@/lib/validation/usage";

/** The opaque page cursor for a record id. */
export function encodeCursor(id: number): string {
  return Buffer.from(`u:${id}`).toString("base64url");
}

/** The record id inside a cursor; a cursor this server did not make is a 400. */
export function decodeCursor(cursor: string): number {
  const m = /^u:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!m) throw new ApiError("invalid_request", "cursor: not a cursor from this API", "cursor");
  return Number(m[1]);
}

/** What a usage query asks for: the filters, and whose records (admins may name a user, or "all"). */
export type UsageScope = Omit<UsageFilter, "userId"> & { userId?: number | "all" };

/** The filter a query comes to: the caller's own records; admins may name a user, "all" for everyone, or just a token. */
export async function scopeUsage(actor: Actor, q: UsageScope): Promise<UsageFilter> {
  let userId: number | undefined;
  if (q.userId === "all") {
    if (!actor.isAdmin) throw new ApiError("forbidden", "Only admins may see every user's usage.", "userId");
  } else if (!(actor.isAdmin && q.userId === undefined && q.tokenId !== undefined)) {
    // An admin naming a token finds its records whoever owns it; otherwise the caller's own, or the named user's.
    userId = (await resolveOwner(actor, q.userId)).id;
  }
  return { userId, tokenId: q.tokenId, model: q.model, channelId: q.channelId, from: q.from, to: q.to, status: q.status };
}

/** One page of the caller's usage records, newest first. */
export async function listUsage(actor: Actor, q: UsageQuery): Promise<{ data: UsageRow[]; nextCursor: string | null }> {
  const filter = await scopeUsage(actor, q);
  const beforeId = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const rows = await db.listUsage(filter, { beforeId, limit: q.limit + 1 });
  const data = rows.slice(0, q.limit);
  return { data, nextCursor: rows.length > q.limit ? encodeCursor(data[data.length - 1].id) : null };
}

/** A numbered page of the request log, sorted by a column, with the count of every matching record. */
export async function usageLogPage(
  actor: Actor,
  q: UsageScope & { sort: UsageSort; desc: boolean; page: number; limit: number },
): Promise<{ data: UsageRow[]; total: number }> {
  const filter = await scopeUsage(actor, q);
  const [data, total] = await Promise.all([
    db.listUsage(filter, { sort: q.sort, desc: q.desc, offset: (q.page - 1) * q.limit, limit: q.limit }),
    db.countUsage(filter),
  ]);
  return { data, total };
}

type SummaryJson = Pick<UsageBucket, "key" | "requests" | "promptTokens" | "completionTokens" | "cost"> & { tokenName?: string; label?: string };

/** A bucket in the API's summary shape (CONTRACT §3); tokens carry their name, users and channels a label. */
function summaryJson(b: Omit<UsageBucket, "label">, name?: { tokenName?: string; label?: string }): SummaryJson {
  return { key: b.key, ...name, requests: b.requests, promptTokens: b.promptTokens, completionTokens: b.completionTokens, cost: b.cost };
}

/** The API's summary: totals per day (in `tz`, oldest first), or per model, token, user or channel (dearest first). */
export async function summarizeUsage(actor: Actor, q: UsageSummaryQuery): Promise<SummaryJson[]> {
  const filter = await scopeUsage(actor, q);
  if (q.groupBy !== "day") {
    const buckets = await usageBy(filter, q.groupBy);
    if (q.groupBy === "model") return buckets.map((b) => summaryJson(b));
    return buckets.map((b) => summaryJson(b, q.groupBy === "token" ? { tokenName: b.label } : { label: b.label }));
  }
  const zone = q.tz ?? DEFAULT_TIME_ZONE;
  const first = await firstUsageAt(filter);
  if (!first) return [];
  const days = await usageByDay(filter, zone, zonedDay(q.from ?? first, zone), zonedDay(q.to ? new Date(q.to.getTime() - 1) : new Date(), zone));
  return days.filter((d) => d.requests > 0).map(({ day, byModel: _, ...totals }) => summaryJson({ key: day, ...totals }));
}

/** The public shape of a usage record (CONTRACT §3 and §5). */
export function usageToJson(r: UsageRow) {
  return {
    requestId: r.requestId,
    userId: r.userId,
    tokenId: r.tokenId,
    tokenName: r.tokenName,
    model: r.model,
    channelId: r.channelId,
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    cachedTokens: r.cachedTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    cacheWrite1hTokens: r.cacheWrite1hTokens,
    reasoningTokens: r.reasoningTokens,
    cost: r.cost,
    status: r.status,
    stream: r.stream,
    estimated: r.estimated,
    latencyMs: r.latencyMs,
    ttfbMs: r.ttfbMs,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    attempts: r.attempts,
    clientIp: r.clientIp,
    userAgent: r.userAgent,
    upstreamModel: r.upstreamModel,
    createdAt: r.createdAt.toISOString(),
  };
}
