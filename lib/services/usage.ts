import type { Actor } from "@/lib/auth/guards";
import * as db from "@/lib/db/usage";
import type { UsageFilter, UsageRow } from "@/lib/db/usage";
import { ApiError } from "@/lib/errors";
import { resolveOwner } from "@/lib/services/owner";
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

/** Whose records a query covers: the caller's own; admins may name a user, or "all". */
async function scope(
  actor: Actor,
  q: { userId?: number | "all"; tokenId?: number; from?: Date; to?: Date; status?: "success" | "error" },
) {
  let userId: number | undefined;
  if (q.userId === "all") {
    if (!actor.isAdmin) throw new ApiError("forbidden", "Only admins may see every user's usage.", "userId");
  } else {
    userId = (await resolveOwner(actor, q.userId)).id;
  }
  return { userId, tokenId: q.tokenId, from: q.from, to: q.to, status: q.status } satisfies UsageFilter;
}

/** One page of the caller's usage records, newest first. */
export async function listUsage(actor: Actor, q: UsageQuery): Promise<{ data: UsageRow[]; nextCursor: string | null }> {
  const filter: UsageFilter = { ...(await scope(actor, q)), model: q.model };
  const beforeId = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const rows = await db.listUsage(filter, { beforeId, limit: q.limit + 1 });
  const data = rows.slice(0, q.limit);
  return { data, nextCursor: rows.length > q.limit ? encodeCursor(data[data.length - 1].id) : null };
}

/** The caller's usage totals per UTC day (oldest first), per model or per token (dearest first). */
export async function summarizeUsage(actor: Actor, q: UsageSummaryQuery) {
  const filter = await scope(actor, q);
  if (q.groupBy === "day") return db.summarizeByDay(filter);
  if (q.groupBy === "model") return db.summarizeByModel(filter);
  return db.summarizeByToken(filter);
}

/** The public shape of a usage record (CONTRACT §3). */
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
    cost: r.cost,
    status: r.status,
    stream: r.stream,
    estimated: r.estimated,
    latencyMs: r.latencyMs,
    createdAt: r.createdAt.toISOString(),
  };
}
