import { getDb, type PrismaClient } from "@/lib/db/client";

/** Why a balance changed (calls themselves are in the usage records, not here). */
export type BalanceKind = "topup" | "deduction" | "redemption" | "grant";

export type BalanceEventRow = {
  id: number;
  userId: number;
  kind: BalanceKind;
  /** signed credits */
  amount: number;
  balanceAfter: number;
  note: string;
  createdAt: Date;
};

/** A Prisma client or the client of an interactive transaction. */
type Db = Pick<PrismaClient, "$executeRaw" | "user" | "balanceEvent">;

/**
 * Adds `amount` credits (negative: removes them) to a user's balance and records the change with the
 * balance after it, in the caller's transaction. One conditional UPDATE: a removal that would take
 * the spendable balance (balance − held) below 0 changes nothing. Answers the event, or why not.
 */
export async function changeBalance(
  tx: Db,
  change: { userId: number; amount: number; kind: BalanceKind; note: string },
): Promise<{ ok: true; event: BalanceEventRow } | { ok: false; reason: "not_found" | "insufficient" }> {
  const delta = BigInt(change.amount);
  const changed = await tx.$executeRaw`
    UPDATE "users" SET "balance" = "balance" + ${delta}, "updatedAt" = ${new Date()}
    WHERE "id" = ${change.userId} AND (CAST(${delta} AS BIGINT) >= 0 OR "balance" - "heldBalance" + CAST(${delta} AS BIGINT) >= 0)`;
  if (changed === 0) {
    return { ok: false, reason: (await tx.user.count({ where: { id: change.userId } })) ? "insufficient" : "not_found" };
  }
  // The row stays locked by the UPDATE until the transaction ends, so this is the balance right after it.
  const { balance } = await tx.user.findUniqueOrThrow({ where: { id: change.userId }, select: { balance: true } });
  const row = await tx.balanceEvent.create({
    data: { userId: change.userId, kind: change.kind, amount: delta, balanceAfter: balance, note: change.note },
  });
  return { ok: true, event: toEvent(row) };
}

function toEvent(row: { id: number; userId: number; kind: string; amount: bigint; balanceAfter: bigint; note: string; createdAt: Date }): BalanceEventRow {
  return { ...row, kind: row.kind as BalanceKind, amount: Number(row.amount), balanceAfter: Number(row.balanceAfter) };
}

/** One page of a user's balance changes, newest first, strictly older than `beforeId` when given. */
export async function listBalanceEvents(userId: number, page: { beforeId?: number; limit: number }): Promise<BalanceEventRow[]> {
  const rows = await getDb().balanceEvent.findMany({
    where: { userId, ...(page.beforeId !== undefined && { id: { lt: page.beforeId } }) },
    orderBy: { id: "desc" },
    take: page.limit,
    select: { id: true, userId: true, kind: true, amount: true, balanceAfter: true, note: true, createdAt: true },
  });
  return rows.map(toEvent);
}
