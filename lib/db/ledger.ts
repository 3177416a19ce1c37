import { num, query, Rollback, transaction, type Steps } from "@/lib/db/raw";

export type LedgerHold = { requestId: string; userId: number; tokenId: number; amount: number };
export type ReserveResult = { ok: true } | { ok: false; which: "token" | "balance" };

function* reserveSteps(hold: LedgerHold, ttlSeconds: number): Steps<ReserveResult> {
  const now = new Date();
  const token = yield {
    sql: `UPDATE tokens SET "heldQuota" = "heldQuota" + $1
          WHERE id = $2 AND (quota IS NULL OR quota - "usedQuota" - "heldQuota" >= $1)`,
    params: [hold.amount, hold.tokenId],
  };
  if (token.count === 0) throw new Rollback<ReserveResult>({ ok: false, which: "token" });
  const user = yield {
    sql: `UPDATE users SET "heldBalance" = "heldBalance" + $1 WHERE id = $2 AND balance - "heldBalance" >= $1`,
    params: [hold.amount, hold.userId],
  };
  if (user.count === 0) throw new Rollback<ReserveResult>({ ok: false, which: "balance" });
  yield {
    sql: `INSERT INTO holds ("requestId", "userId", "tokenId", amount, "createdAt", "expiresAt")
          VALUES ($1, $2, $3, $4, $5, $6)`,
    params: [hold.requestId, hold.userId, hold.tokenId, hold.amount, now, new Date(now.getTime() + ttlSeconds * 1000)],
  };
  return { ok: true };
}

/**
 * Reserves `amount` credits on the token (whose quota may be unlimited) and on the owner's balance,
 * atomically: one conditional UPDATE per row and the hold row the reconciler needs, in one short
 * transaction. Row locks last only for that transaction, never across the upstream call.
 */
export function reserveCredits(hold: LedgerHold, ttlSeconds: number): Promise<ReserveResult> {
  return transaction(() => reserveSteps(hold, ttlSeconds));
}

function* settleSteps(hold: LedgerHold, cost: number): Steps<void> {
  const c = Math.min(cost, hold.amount);
  const released = yield { sql: `DELETE FROM holds WHERE "requestId" = $1`, params: [hold.requestId] };
  if (released.count === 1) {
    yield {
      sql: `UPDATE tokens SET "usedQuota" = "usedQuota" + $1, "heldQuota" = "heldQuota" - $2 WHERE id = $3`,
      params: [c, hold.amount, hold.tokenId],
    };
    yield {
      sql: `UPDATE users SET balance = balance - $1, "heldBalance" = "heldBalance" - $2 WHERE id = $3`,
      params: [c, hold.amount, hold.userId],
    };
    return;
  }
  // The reconciler released this hold already (the call outlived its TTL): charge only what is
  // still free, so neither the quota nor the balance can go below zero.
  yield {
    sql: `UPDATE tokens SET "usedQuota" = "usedQuota" + CASE
            WHEN quota IS NULL OR quota - "usedQuota" - "heldQuota" >= $1 THEN $1
            WHEN quota - "usedQuota" - "heldQuota" > 0 THEN quota - "usedQuota" - "heldQuota"
            ELSE 0 END
          WHERE id = $2`,
    params: [c, hold.tokenId],
  };
  yield {
    sql: `UPDATE users SET balance = balance - CASE
            WHEN balance - "heldBalance" >= $1 THEN $1
            WHEN balance - "heldBalance" > 0 THEN balance - "heldBalance"
            ELSE 0 END
          WHERE id = $2`,
    params: [c, hold.userId],
  };
}

/** Charges `cost` (at most the hold) and releases the hold, in one transaction. */
export function settleCredits(hold: LedgerHold, cost: number): Promise<void> {
  return transaction(() => settleSteps(hold, cost));
}

function* releaseSteps(h: LedgerHold): Steps<boolean> {
  const released = yield { sql: `DELETE FROM holds WHERE "requestId" = $1`, params: [h.requestId] };
  if (released.count !== 1) return false; // settled or released by another instance meanwhile
  yield { sql: `UPDATE tokens SET "heldQuota" = "heldQuota" - $1 WHERE id = $2`, params: [h.amount, h.tokenId] };
  yield { sql: `UPDATE users SET "heldBalance" = "heldBalance" - $1 WHERE id = $2`, params: [h.amount, h.userId] };
  return true;
}

/** Releases holds whose TTL has passed (their process died before settling); returns how many. */
export async function releaseExpiredHolds(now: Date = new Date()): Promise<number> {
  const { rows } = await query(
    `SELECT "requestId", "userId", "tokenId", amount FROM holds WHERE "expiresAt" < $1 ORDER BY "expiresAt" LIMIT 500`,
    [now],
  );
  let released = 0;
  for (const r of rows) {
    const hold = { requestId: String(r.requestId), userId: num(r.userId), tokenId: num(r.tokenId), amount: num(r.amount) };
    if (await transaction(() => releaseSteps(hold))) released++;
  }
  return released;
}
