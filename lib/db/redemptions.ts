import { getDb } from "@/lib/db/client";
import { changeBalance, type BalanceEventRow } from "@/lib/db/balance-events";
import { isConflict } from "@/lib/db/errors";

export type RedemptionRow = {
  id: number;
  name: string;
  codePreview: string;
  amount: number;
  maxUses: number;
  uses: number;
  expiresAt: Date | null;
  status: "active" | "disabled";
  createdAt: Date;
};

const select = { id: true, name: true, codePreview: true, amount: true, maxUses: true, uses: true, expiresAt: true, status: true, createdAt: true } as const;

function toRow(r: { amount: bigint; status: string } & Omit<RedemptionRow, "amount" | "status">): RedemptionRow {
  return { ...r, amount: Number(r.amount), status: r.status as RedemptionRow["status"] };
}

/** Stores a batch of codes (by hash and preview) sharing name, amount, expiry and usage limit. */
export async function createRedemptions(
  batch: { name: string; amount: number; maxUses: number; expiresAt: Date | null },
  codes: { hash: string; preview: string }[],
): Promise<RedemptionRow[]> {
  return getDb().$transaction(
    codes.map((c) =>
      getDb().redemption.create({
        data: { name: batch.name, amount: BigInt(batch.amount), maxUses: batch.maxUses, expiresAt: batch.expiresAt, codeHash: c.hash, codePreview: c.preview },
        select,
      }),
    ),
  ).then((rows) => rows.map(toRow));
}

/** Every code, newest batch first. */
export async function listRedemptions(): Promise<RedemptionRow[]> {
  const rows = await getDb().redemption.findMany({ orderBy: { id: "desc" }, select });
  return rows.map(toRow);
}

/** Enables or disables one code; null when it does not exist. */
export async function setRedemptionStatus(id: number, status: RedemptionRow["status"]): Promise<RedemptionRow | null> {
  const changed = await getDb().redemption.updateMany({ where: { id }, data: { status } });
  if (changed.count === 0) return null;
  return toRow(await getDb().redemption.findUniqueOrThrow({ where: { id }, select }));
}

// SQLite runs one writing transaction at a time: parallel redemptions queue for it.
const TX_LIMITS = { maxWait: 10_000, timeout: 10_000 };

/** Raised inside the redemption transaction to undo it: the code cannot be redeemed by this user. */
class NotRedeemable extends Error {}

/**
 * Redeems the code with this hash for a user, atomically: the use is claimed with one conditional
 * UPDATE (active, not expired, uses < maxUses), recorded once per user, and credited with its balance
 * event, all in one transaction, so parallel requests never redeem a code more often than allowed.
 * Answers the balance event, or null for an unknown, used-up, expired, disabled or already used code.
 */
export async function redeemCode(codeHash: string, userId: number, now: Date = new Date()): Promise<BalanceEventRow | null> {
  try {
    return await getDb().$transaction(async (tx) => {
      const claimed = await tx.redemption.updateMany({
        where: {
          codeHash,
          status: "active",
          uses: { lt: tx.redemption.fields.maxUses },
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        },
        data: { uses: { increment: 1 } },
      });
      if (claimed.count === 0) throw new NotRedeemable();
      const code = await tx.redemption.findUniqueOrThrow({ where: { codeHash }, select: { id: true, amount: true, name: true, codePreview: true } });
      try {
        await tx.redemptionUse.create({ data: { redemptionId: code.id, userId } });
      } catch (err) {
        // This user redeemed the code before: the whole redemption is undone.
        if (isConflict(err)) throw new NotRedeemable();
        throw err;
      }
      const credited = await changeBalance(tx, { userId, amount: Number(code.amount), kind: "redemption", note: `Code ${code.codePreview} (${code.name})` });
      if (!credited.ok) throw new NotRedeemable();
      return credited.event;
    }, TX_LIMITS);
  } catch (err) {
    if (err instanceof NotRedeemable) return null;
    throw err;
  }
}
