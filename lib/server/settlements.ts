// Non-streamed /v1 answers go out before their settlement is written (the reservation already
// guarantees the funds). Reads of the management API wait for this process's settlements in
// flight, so a client that reads its usage right after an answer sees the answer's charge.
const PENDING = Symbol.for("gateway.pendingSettlements");
type Holder = { [PENDING]?: Set<Promise<void>> };

// On globalThis: Next's bundle (the /api handlers) and lib/server's bundle (the relay) share it.
function pending(): Set<Promise<void>> {
  const holder = globalThis as Holder;
  holder[PENDING] ??= new Set();
  return holder[PENDING];
}

/** Registers a call's settlement until it is written. */
export function trackSettlement(done: Promise<void>): void {
  const set = pending();
  set.add(done);
  void done.finally(() => set.delete(done));
}

/** Waits (at most `maxMs`) for every settlement this process has in flight. */
export async function settlementsWritten(maxMs = 2_000): Promise<void> {
  const set = pending();
  if (set.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(set), new Promise<void>((r) => (timer = setTimeout(r, maxMs)))]);
  clearTimeout(timer);
}
