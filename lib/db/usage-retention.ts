// Retention of usage records (USAGE_RETENTION_DAYS): records older than the limit are first
// added up per 15-minute slot into usage_totals, then deleted in small batches. The boundary below
// which everything is in the totals is kept in settings; summaries read totals below it and records
// above it. Runs on the drivers (the serving process's jobs), safe with several instances.
import { dialect, num, query, Rollback, timestamp, transaction } from "@/lib/db/raw";

export const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const BOUNDARY = "usage.totalsBefore";
const PRUNE_BATCH = 1000;

/** Epoch ms below which usage is kept as totals only (records there are pruned, or about to be); 0 when none. */
export async function totalsBefore(): Promise<number> {
  const { rows } = await query(`SELECT value FROM settings WHERE key = $1`, [BOUNDARY]);
  return rows[0] ? Number(rows[0].value) : 0;
}

async function quarterSql(): Promise<string> {
  // The same slot as lib/db/usage-summary.ts computes from a record's time.
  return (await dialect()) === "postgresql"
    ? `CAST(floor(extract(epoch from "createdAt") / 900) AS BIGINT)`
    : `CAST((CASE WHEN typeof("createdAt") = 'integer' THEN "createdAt" / 1000 ELSE CAST(strftime('%s', "createdAt") AS INTEGER) END) / 900 AS INTEGER)`;
}

/** Where the totals start: the boundary, or (first run) the slot of the oldest record. */
async function startingBoundary(cutoff: number): Promise<number | null> {
  const stored = await query(`SELECT value FROM settings WHERE key = $1`, [BOUNDARY]);
  if (stored.rows[0]) return Number(stored.rows[0].value);
  const oldest = await query(`SELECT MIN("createdAt") AS at FROM usage_records`);
  const at = oldest.rows[0]?.at;
  const start = at === null || at === undefined ? cutoff : Math.min(cutoff, Math.floor(timestamp(at).getTime() / QUARTER_MS) * QUARTER_MS);
  await query(`INSERT INTO settings (key, value, "updatedAt") VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`, [BOUNDARY, String(start), new Date()]);
  // Another instance may have written it first.
  const again = await query(`SELECT value FROM settings WHERE key = $1`, [BOUNDARY]);
  return again.rows[0] ? Number(again.rows[0].value) : null;
}

/**
 * Adds up the records older than `retentionDays` into usage_totals (a day at a time, each in one
 * transaction that also moves the boundary, so no record is counted twice), then deletes them in
 * batches. Answers how many slots of totals were written and how many records were deleted.
 */
export async function rollUpAndPrune(retentionDays: number, now = Date.now()): Promise<{ days: number; pruned: number }> {
  const cutoff = Math.floor((now - retentionDays * DAY_MS) / QUARTER_MS) * QUARTER_MS;
  let boundary = await startingBoundary(cutoff);
  if (boundary === null) return { days: 0, pruned: 0 };
  const quarter = await quarterSql();
  let days = 0;
  while (boundary < cutoff) {
    const from = boundary;
    const to = Math.min(from + DAY_MS, cutoff);
    const moved = await transaction(function* () {
      // Only the instance that moves the boundary adds the window up.
      const claim = yield {
        sql: `UPDATE settings SET value = $1, "updatedAt" = $2 WHERE key = $3 AND value = $4`,
        params: [String(to), new Date(), BOUNDARY, String(from)],
      };
      if (claim.count === 0) throw new Rollback(false);
      yield {
        sql: `INSERT INTO usage_totals (quarter, "userId", "tokenId", "tokenName", model, "channelId", failed, requests, errors,
                "promptTokens", "completionTokens", cost, "latencyMs", "ttfbMs", "ttfbCount", "lastId")
              SELECT ${quarter}, "userId", "tokenId", "tokenName", model, "channelId", status >= 400, COUNT(*),
                SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), SUM("promptTokens"), SUM("completionTokens"), SUM(cost),
                SUM("latencyMs"), COALESCE(SUM("ttfbMs"), 0), COUNT("ttfbMs"), MAX(id)
              FROM usage_records WHERE "createdAt" >= $1 AND "createdAt" < $2
              GROUP BY 1, "userId", "tokenId", "tokenName", model, "channelId", status >= 400`,
        params: [new Date(from), new Date(to)],
      };
      return true;
    });
    if (!moved) {
      // Another instance is at work: take up from where it is.
      boundary = await totalsBefore();
      continue;
    }
    boundary = to;
    days++;
  }
  let pruned = 0;
  for (;;) {
    // Small batches: each is a short write, so the relay's writes never wait long.
    const r = await query(
      `DELETE FROM usage_records WHERE id IN (SELECT id FROM usage_records WHERE "createdAt" < $1 ORDER BY id LIMIT ${PRUNE_BATCH})`,
      [new Date(boundary)],
    );
    pruned += r.count;
    if (r.count < PRUNE_BATCH) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { days, pruned: num(pruned) };
}
