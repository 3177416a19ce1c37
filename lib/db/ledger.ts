// The credit ledger of the relay's hot path: one short write per call on each side. A reservation
// holds credits on the token and the owner's balance; the settlement charges the real cost and
// releases the hold. Neither a token's remaining quota nor a balance can go below zero.
//
// SQLite runs each side as a few statements in a transaction shared with the other calls of the
// same event-loop turn (group commit, lib/db/raw.ts). PostgreSQL runs each side as one statement
// in autocommit: rows are locked users-first, then tokens, everywhere, so concurrent calls across
// instances queue on the rows instead of deadlocking, and no lock outlives the statement.
import { dialect, num, query, Rollback, transaction, type Steps } from "@/lib/db/raw";
import { USAGE_COLUMN_LIST, USAGE_COLUMNS, usageValues } from "@/lib/db/relay";
import type { Hold, UsageEntry } from "@/lib/gateway/types";

export type ReserveResult = { ok: true } | { ok: false; which: "token" | "balance" | "spend_limit" };
/**
 * What a settlement charged, and what it could not (the funds left did not cover the real cost);
 * `duplicate` when the request had been settled already and nothing changed.
 */
export type SettleResult = { charged: number; writtenOff: number; duplicate: boolean };

// Budget periods reset lazily: a row stores the start of the period its usage counts in, and the
// first reservation of a later period (its start is the larger number) counts from zero again.
// A settlement adds to the period's usage only while the period it was reserved in is the row's.

/** What a token has used in the period starting at $P (its lifetime use without a period). */
const TOKEN_USED = (p: string) => `(CASE WHEN "quotaPeriod" = 'none' THEN "usedQuota" WHEN "periodStart" >= ${p} THEN "periodUsed" ELSE 0 END)`;
/** What a user has spent in the period starting at $P. */
const USER_SPENT = (p: string) => `(CASE WHEN "spendPeriodStart" >= ${p} THEN "periodSpent" ELSE 0 END)`;

function* reserveSteps(hold: Hold, now: Date, expires: Date): Steps<ReserveResult> {
  const token = yield {
    sql: `UPDATE tokens SET "heldQuota" = "heldQuota" + $1,
            "periodUsed" = CASE WHEN "periodStart" >= $3 THEN "periodUsed" ELSE 0 END, "periodStart" = MAX("periodStart", $3)
          WHERE id = $2 AND (quota IS NULL OR quota - ${TOKEN_USED("$3")} - "heldQuota" >= $1) RETURNING "periodStart"`,
    params: [hold.amount, hold.tokenId, hold.periodStart ?? 0],
  };
  if (token.count === 0) throw new Rollback<ReserveResult>({ ok: false, which: "token" });
  const user = yield {
    sql: `UPDATE users SET "heldBalance" = "heldBalance" + $1,
            "periodSpent" = ${USER_SPENT("$3")}, "spendPeriodStart" = MAX("spendPeriodStart", $3)
          WHERE id = $2 AND balance - "heldBalance" >= $1 AND ("spendLimit" IS NULL OR "spendLimit" - ${USER_SPENT("$3")} - "heldBalance" >= $1)
          RETURNING "spendPeriodStart"`,
    params: [hold.amount, hold.userId, hold.spendPeriodStart ?? 0],
  };
  if (user.count === 0) {
    const funded = yield { sql: `SELECT 1 FROM users WHERE id = $1 AND balance - "heldBalance" >= $2`, params: [hold.userId, hold.amount] };
    throw new Rollback<ReserveResult>({ ok: false, which: funded.rows.length ? "spend_limit" : "balance" });
  }
  // The hold keeps the periods it was counted in (a later one than the caller's, should another
  // instance's clock have moved on): its settlement goes to them.
  yield {
    sql: `INSERT INTO holds ("requestId", "userId", "tokenId", amount, "periodStart", "spendPeriodStart", "createdAt", "expiresAt")
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    params: [hold.requestId, hold.userId, hold.tokenId, hold.amount, num(token.rows[0].periodStart), num(user.rows[0].spendPeriodStart), now, expires],
  };
  return { ok: true };
}

// $1 amount, $2 token, $3 user, $4 request, $5 created, $6 expires, $7 token period, $8 spend period.
const PG_RESERVE = `
WITH u AS (
  SELECT id FROM users WHERE id = $3 AND balance - "heldBalance" >= $1
    AND ("spendLimit" IS NULL OR "spendLimit" - ${USER_SPENT("$8")} - "heldBalance" >= $1) FOR UPDATE
), t AS (
  UPDATE tokens SET "heldQuota" = "heldQuota" + $1,
    "periodUsed" = CASE WHEN "periodStart" >= $7 THEN "periodUsed" ELSE 0 END, "periodStart" = GREATEST("periodStart", $7)
  WHERE id = $2 AND (quota IS NULL OR quota - ${TOKEN_USED("$7")} - "heldQuota" >= $1) AND EXISTS (SELECT 1 FROM u)
  RETURNING id, "periodStart"
), uu AS (
  UPDATE users SET "heldBalance" = "heldBalance" + $1,
    "periodSpent" = ${USER_SPENT("$8")}, "spendPeriodStart" = GREATEST("spendPeriodStart", $8)
  WHERE id = $3 AND EXISTS (SELECT 1 FROM t) RETURNING id, "spendPeriodStart"
), h AS (
  INSERT INTO holds ("requestId", "userId", "tokenId", amount, "periodStart", "spendPeriodStart", "createdAt", "expiresAt")
  SELECT $4, $3, $2, $1, t."periodStart", COALESCE((SELECT "spendPeriodStart" FROM uu), $8), $5, $6 FROM t
  RETURNING 1
)
SELECT (SELECT count(*) FROM u) AS u, (SELECT count(*) FROM t) AS t, (SELECT count(*) FROM uu) AS uu, (SELECT count(*) FROM h) AS h,
       (SELECT count(*) FROM users WHERE id = $3 AND balance - "heldBalance" >= $1) AS funded`;

/**
 * Reserves `hold.amount` credits on the token (whose quota may be unlimited, or per period) and on
 * the owner's balance (and spend limit), atomically, with the hold row the reconciler needs should
 * this process die.
 */
export async function reserveCredits(hold: Hold, ttlSeconds: number): Promise<ReserveResult> {
  const now = new Date();
  const expires = new Date(now.getTime() + ttlSeconds * 1000);
  if ((await dialect()) === "sqlite") return transaction(() => reserveSteps(hold, now, expires));
  const { rows } = await query(
    PG_RESERVE,
    [hold.amount, hold.tokenId, hold.userId, hold.requestId, now, expires, hold.periodStart ?? 0, hold.spendPeriodStart ?? 0],
    { prepare: true },
  );
  const r = rows[0];
  if (num(r.u) === 0) return { ok: false, which: num(r.funded) === 0 ? "balance" : "spend_limit" };
  if (num(r.t) === 0) return { ok: false, which: "token" };
  return { ok: true };
}

/** What can be charged: the cost, capped by what the balance, the spend limit and the token have free once the hold is released. */
function chargeable(cost: number, userFree: number | null, spendFree: number | null, tokenFree: number | null): number {
  if (userFree === null) return 0;
  return Math.max(0, Math.min(cost, userFree, spendFree ?? cost, tokenFree ?? cost));
}

/**
 * What the token has free for this settlement ($1 held, $P the hold's period): a call reserved in a
 * period that has turned since is charged at most what it held (the period's usage is gone).
 */
const TOKEN_FREE = (p: string) => `CASE WHEN quota IS NULL THEN NULL
  WHEN "quotaPeriod" = 'none' THEN quota - "usedQuota" - "heldQuota" + $1
  WHEN "periodStart" <= ${p} THEN quota - "periodUsed" - "heldQuota" + $1 ELSE $1 END`;
const SPEND_FREE = (p: string) => `CASE WHEN "spendLimit" IS NULL THEN NULL
  WHEN "spendPeriodStart" <= ${p} THEN "spendLimit" - "periodSpent" - "heldBalance" + $1 ELSE $1 END`;

function* settleSteps(hold: Hold, entry: UsageEntry): Steps<SettleResult> {
  const released = yield { sql: `DELETE FROM holds WHERE "requestId" = $1 RETURNING amount, "periodStart", "spendPeriodStart"`, params: [hold.requestId] };
  // The reconciler may have released it already (the call outlived its TTL): then nothing is held.
  const row = released.count ? released.rows[0] : null;
  const held = row ? num(row.amount) : 0;
  const period = row ? num(row.periodStart) : (hold.periodStart ?? 0);
  const spendPeriod = row ? num(row.spendPeriodStart) : (hold.spendPeriodStart ?? 0);
  const { rows } = yield {
    sql: `SELECT (SELECT balance - "heldBalance" + $1 FROM users WHERE id = $2) AS "user",
                 (SELECT ${SPEND_FREE("$5")} FROM users WHERE id = $2) AS spend,
                 (SELECT ${TOKEN_FREE("$4")} FROM tokens WHERE id = $3) AS token`,
    params: [held, hold.userId, hold.tokenId, period, spendPeriod],
  };
  const n = (v: unknown) => (v === null || v === undefined ? null : num(v));
  const charged = chargeable(entry.cost, n(rows[0].user), n(rows[0].spend), n(rows[0].token));
  yield {
    sql: `UPDATE users SET balance = balance - $1, "heldBalance" = "heldBalance" - $2,
            "periodSpent" = "periodSpent" + CASE WHEN "spendPeriodStart" <= $4 THEN $1 ELSE 0 END WHERE id = $3`,
    params: [charged, held, hold.userId, spendPeriod],
  };
  yield {
    sql: `UPDATE tokens SET "usedQuota" = "usedQuota" + $1, "heldQuota" = "heldQuota" - $2,
            "periodUsed" = "periodUsed" + CASE WHEN "periodStart" <= $4 THEN $1 ELSE 0 END WHERE id = $3`,
    params: [charged, held, hold.tokenId, period],
  };
  const record = { ...entry, cost: charged, writtenOff: entry.writtenOff + entry.cost - charged };
  // The record goes last: a request settled before (a journal replayed twice) fails on its
  // unique request id here, and the whole settlement is undone.
  yield { sql: SQLITE_INSERT_RECORD, params: usageValues(record) };
  return { charged, writtenOff: record.writtenOff, duplicate: false };
}

const SQLITE_INSERT_RECORD = `INSERT INTO usage_records (${USAGE_COLUMN_LIST}) VALUES (${USAGE_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`;

const COST_AT = USAGE_COLUMNS.indexOf("cost");
const WRITTEN_OFF_AT = USAGE_COLUMNS.indexOf("writtenOff");
const FIRST_VALUE = 5; // $1–$4 are the settlement's own parameters
/** The hold's token and spend periods follow the record's values. */
const P_TOKEN = `$${FIRST_VALUE + USAGE_COLUMNS.length}::bigint`;
const P_SPEND = `$${FIRST_VALUE + USAGE_COLUMNS.length + 1}::bigint`;

/** The usage record's VALUES for PG_SETTLE: cost and writtenOff come from what the funds covered. */
const PG_RECORD_VALUES = USAGE_COLUMNS.map((_, i) => {
  if (i === COST_AT) return `LEAST($${FIRST_VALUE + i}::bigint, COALESCE((SELECT charge FROM x), 0))`;
  if (i === WRITTEN_OFF_AT) return `$${FIRST_VALUE + i} + $2 - COALESCE((SELECT charge FROM x), 0)`;
  return `$${FIRST_VALUE + i}`;
}).join(", ");

const PG_SETTLE = `
WITH h AS (
  DELETE FROM holds WHERE "requestId" = $1 RETURNING amount, "periodStart", "spendPeriodStart"
), held AS (
  SELECT COALESCE((SELECT amount FROM h), 0) AS amount, COALESCE((SELECT "periodStart" FROM h), ${P_TOKEN}) AS p,
         COALESCE((SELECT "spendPeriodStart" FROM h), ${P_SPEND}) AS sp
), u0 AS (
  SELECT u.id, u.balance - u."heldBalance" + held.amount AS free,
    CASE WHEN u."spendLimit" IS NULL THEN NULL
      WHEN u."spendPeriodStart" <= held.sp THEN u."spendLimit" - u."periodSpent" - u."heldBalance" + held.amount
      ELSE held.amount END AS spend
  FROM users u, held WHERE u.id = $3 FOR UPDATE OF u
), t0 AS (
  SELECT t.id, CASE WHEN t.quota IS NULL THEN NULL
      WHEN t."quotaPeriod" = 'none' THEN t.quota - t."usedQuota" - t."heldQuota" + held.amount
      WHEN t."periodStart" <= held.p THEN t.quota - t."periodUsed" - t."heldQuota" + held.amount
      ELSE held.amount END AS free
  FROM tokens t, held, u0 WHERE t.id = $4 FOR UPDATE OF t
), x AS (
  SELECT GREATEST(0, LEAST($2::bigint, u0.free, COALESCE(u0.spend, $2::bigint), COALESCE(t0.free, $2::bigint))) AS charge, held.amount AS held,
    held.p, held.sp
  FROM u0 CROSS JOIN held LEFT JOIN t0 ON true
), u AS (
  UPDATE users SET balance = balance - x.charge, "heldBalance" = "heldBalance" - x.held,
    "periodSpent" = "periodSpent" + CASE WHEN "spendPeriodStart" <= x.sp THEN x.charge ELSE 0 END
  FROM x WHERE users.id = $3 RETURNING 1
), t AS (
  UPDATE tokens SET "usedQuota" = "usedQuota" + x.charge, "heldQuota" = "heldQuota" - x.held,
    "periodUsed" = "periodUsed" + CASE WHEN "periodStart" <= x.p THEN x.charge ELSE 0 END
  FROM x WHERE tokens.id = $4 RETURNING 1
), rec AS (
  INSERT INTO usage_records (${USAGE_COLUMN_LIST}) VALUES (${PG_RECORD_VALUES}) RETURNING 1
)
SELECT COALESCE((SELECT charge FROM x), 0) AS charge, (SELECT count(*) FROM rec) AS recorded`;

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = "23505";

/**
 * Charges the real cost of a call (`entry.cost`), releases its hold and writes its usage record,
 * in one atomic step that happens at most once per request id. A cost above the hold is taken from
 * what the token and the balance have free; only what they cannot cover is written off.
 */
export async function settleCredits(hold: Hold, entry: UsageEntry): Promise<SettleResult> {
  try {
    if ((await dialect()) === "sqlite") return await transaction(() => settleSteps(hold, entry));
    const { rows } = await query(
      PG_SETTLE,
      [hold.requestId, entry.cost, hold.userId, hold.tokenId, ...usageValues(entry), hold.periodStart ?? 0, hold.spendPeriodStart ?? 0],
      { prepare: true },
    );
    const charged = num(rows[0]?.charge);
    return { charged, writtenOff: entry.writtenOff + entry.cost - charged, duplicate: false };
  } catch (err) {
    // The record exists: this request was settled before, and the whole settlement was undone.
    const code = (err as { code?: string }).code;
    if (code === UNIQUE_VIOLATION || code === "SQLITE_CONSTRAINT_UNIQUE") return { charged: 0, writtenOff: 0, duplicate: true };
    throw err;
  }
}

/** Stores what a long call had cost so far, with the record to write should its process die. */
export async function checkpointHold(hold: Hold, progress: number, entry: UsageEntry): Promise<void> {
  await query(`UPDATE holds SET progress = $1, meta = $2 WHERE "requestId" = $3`, [progress, JSON.stringify(entry), hold.requestId], {
    prepare: true,
  });
}

function* releaseSteps(h: Hold): Steps<boolean> {
  const released = yield { sql: `DELETE FROM holds WHERE "requestId" = $1`, params: [h.requestId] };
  if (released.count !== 1) return false; // settled or released by another instance meanwhile
  yield { sql: `UPDATE users SET "heldBalance" = "heldBalance" - $1 WHERE id = $2`, params: [h.amount, h.userId] };
  yield { sql: `UPDATE tokens SET "heldQuota" = "heldQuota" - $1 WHERE id = $2`, params: [h.amount, h.tokenId] };
  return true;
}

/**
 * Ends the holds whose TTL has passed (their process died before settling): a call that had
 * checkpointed is charged what it had cost and recorded; any other hold is released. Answers how
 * many holds were ended.
 */
export async function releaseExpiredHolds(now: Date = new Date()): Promise<number> {
  const { rows } = await query(
    `SELECT "requestId", "userId", "tokenId", amount, "periodStart", "spendPeriodStart", progress, meta
     FROM holds WHERE "expiresAt" < $1 ORDER BY "expiresAt" LIMIT 500`,
    [now],
  );
  let ended = 0;
  for (const r of rows) {
    const hold = {
      requestId: String(r.requestId),
      userId: num(r.userId),
      tokenId: num(r.tokenId),
      amount: num(r.amount),
      periodStart: num(r.periodStart),
      spendPeriodStart: num(r.spendPeriodStart),
    };
    if (typeof r.meta === "string" && r.meta) {
      const saved = JSON.parse(r.meta) as UsageEntry;
      const entry = { ...saved, cost: num(r.progress), createdAt: new Date(saved.createdAt) };
      if (!(await settleCredits(hold, entry)).duplicate) ended++;
    } else if (await transaction(() => releaseSteps(hold))) ended++;
  }
  return ended;
}
