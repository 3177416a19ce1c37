import { getDb } from "@/lib/db/client";

export type LedgerHold = { requestId: string; userId: number; tokenId: number; amount: number };

class Insufficient extends Error {
  constructor(readonly which: "token" | "balance") {
    super(which);
  }
}

/**
 * Reserves `amount` credits on the token (unless unlimited) and the owner's balance, atomically:
 * one conditional UPDATE per row inside one short transaction, plus the hold row the reconciler
 * needs. Row locks last only for this transaction, never across the upstream call.
 */
export async function reserveCredits(
  hold: LedgerHold,
  ttlSeconds: number,
): Promise<{ ok: true } | { ok: false; which: "token" | "balance" }> {
  const a = BigInt(hold.amount);
  try {
    await getDb().$transaction(async (tx) => {
      const t = await tx.$executeRaw`UPDATE tokens SET "heldQuota" = "heldQuota" + ${a}
        WHERE id = ${hold.tokenId} AND (quota IS NULL OR quota - "usedQuota" - "heldQuota" >= ${a})`;
      if (t === 0) throw new Insufficient("token");
      const u = await tx.$executeRaw`UPDATE users SET "heldBalance" = "heldBalance" + ${a}
        WHERE id = ${hold.userId} AND balance - "heldBalance" >= ${a}`;
      if (u === 0) throw new Insufficient("balance");
      await tx.hold.create({
        data: {
          requestId: hold.requestId,
          userId: hold.userId,
          tokenId: hold.tokenId,
          amount: a,
          onToken: true,
          expiresAt: new Date(Date.now() + ttlSeconds * 1000),
        },
        select: { requestId: true },
      });
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof Insufficient) return { ok: false, which: err.which };
    throw err;
  }
}

/**
 * Charges `cost` (at most the hold) and releases the hold, in one transaction. If the reconciler
 * already released the hold (the call outlived its TTL), charges only what is still available,
 * so neither the quota nor the balance can go below zero.
 */
export async function settleCredits(hold: LedgerHold, cost: number): Promise<void> {
  const c = BigInt(Math.min(cost, hold.amount));
  const a = BigInt(hold.amount);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.hold.deleteMany({ where: { requestId: hold.requestId } });
    if (count === 1) {
      await tx.$executeRaw`UPDATE tokens SET "usedQuota" = "usedQuota" + ${c}, "heldQuota" = "heldQuota" - ${a} WHERE id = ${hold.tokenId}`;
      await tx.$executeRaw`UPDATE users SET balance = balance - ${c}, "heldBalance" = "heldBalance" - ${a} WHERE id = ${hold.userId}`;
      return;
    }
    await tx.$executeRaw`UPDATE tokens SET "usedQuota" = "usedQuota" + CASE
        WHEN quota IS NULL OR quota - "usedQuota" - "heldQuota" >= ${c} THEN ${c}
        WHEN quota - "usedQuota" - "heldQuota" > 0 THEN quota - "usedQuota" - "heldQuota"
        ELSE 0 END
      WHERE id = ${hold.tokenId}`;
    await tx.$executeRaw`UPDATE users SET balance = balance - CASE
        WHEN balance - "heldBalance" >= ${c} THEN ${c}
        WHEN balance - "heldBalance" > 0 THEN balance - "heldBalance"
        ELSE 0 END
      WHERE id = ${hold.userId}`;
  });
}

/** Releases holds whose TTL has passed (their process died before settling); returns how many. */
export async function releaseExpiredHolds(now: Date = new Date()): Promise<number> {
  const db = getDb();
  const expired = await db.hold.findMany({
    where: { expiresAt: { lt: now } },
    select: { requestId: true, userId: true, tokenId: true, amount: true },
    take: 500,
  });
  let released = 0;
  for (const h of expired) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.hold.deleteMany({ where: { requestId: h.requestId } });
      if (count !== 1) return; // settled or released by someone else meanwhile
      await tx.$executeRaw`UPDATE tokens SET "heldQuota" = "heldQuota" - ${h.amount} WHERE id = ${h.tokenId}`;
      await tx.$executeRaw`UPDATE users SET "heldBalance" = "heldBalance" - ${h.amount} WHERE id = ${h.userId}`;
      released++;
    });
  }
  return released;
}
