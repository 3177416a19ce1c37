import type { Actor } from "@/lib/auth/guards";
import { listBalanceEvents, type BalanceEventRow } from "@/lib/db/balance-events";
import { resolveOwner } from "@/lib/services/owner";
import { decodeCursor, encodeCursor } from "@/lib/services/usage";

/** A page of the caller's balance changes, newest first (admins may name a user). */
export async function getBalanceHistory(
  actor: Actor,
  q: { userId?: number; cursor?: string; limit: number },
): Promise<{ data: BalanceEventRow[]; nextCursor: string | null }> {
  const owner = await resolveOwner(actor, q.userId);
  const rows = await listBalanceEvents(owner.id, { beforeId: q.cursor === undefined ? undefined : decodeCursor(q.cursor), limit: q.limit + 1 });
  const data = rows.slice(0, q.limit);
  return { data, nextCursor: rows.length > q.limit ? encodeCursor(data[data.length - 1].id) : null };
}

/** The public shape of a balance change (CONTRACT §5). */
export function balanceEventToJson(e: BalanceEventRow) {
  return { kind: e.kind, amount: e.amount, balanceAfter: e.balanceAfter, note: e.note, createdAt: e.createdAt.toISOString() };
}
