// The relay's reads and writes, all on the database drivers (lib/db/raw.ts): what a relay-only
// process needs never loads Prisma.
import { stringList, stringMap } from "@/lib/db/json-columns";
import { jsonColumn, num, query, timestamp, transaction, type Steps } from "@/lib/db/raw";
import type { UsageEntry } from "@/lib/gateway/types";
import { openKeys } from "@/lib/crypto/channel-keys";
import { log } from "@/lib/log";

/** A channel's upstream keys from their stored form; none when they cannot be opened (logged). */
function channelKeys(id: number, stored: unknown): string[] {
  const opened = openKeys(String(stored));
  if (opened.ok) return opened.keys;
  log().error({ channelId: id }, "the channel's upstream keys cannot be decrypted with ENCRYPTION_KEY; it is skipped");
  return [];
}


/** A token and what the relay needs of its owner, by key hash; null when unknown. */
export async function findRelayToken(keyHash: string) {
  const { rows } = await query(
    `SELECT t.id, t."userId", t.name, t.status, t."expiresAt", t."allowedModels", t."allowedIps", t."group",
            t.quota, t."quotaPeriod", t."rpmLimit", t."tpmLimit", t."concurrencyLimit",
            u.status AS "userStatus", u."group" AS "userGroup", u."spendLimitPeriod"
     FROM tokens t JOIN users u ON u.id = t."userId" WHERE t."keyHash" = $1`,
    [keyHash],
    { prepare: true },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: num(row.id),
    userId: num(row.userId),
    name: String(row.name),
    status: String(row.status),
    userStatus: String(row.userStatus),
    expiresAt: row.expiresAt === null ? null : timestamp(row.expiresAt),
    allowedModels: stringList(jsonColumn(row.allowedModels)),
    allowedIps: stringList(jsonColumn(row.allowedIps)),
    group: String(row.group ?? row.userGroup),
    quota: row.quota === null ? null : num(row.quota),
    quotaPeriod: String(row.quotaPeriod),
    rpmLimit: row.rpmLimit === null ? null : num(row.rpmLimit),
    tpmLimit: row.tpmLimit === null ? null : num(row.tpmLimit),
    concurrencyLimit: row.concurrencyLimit === null ? null : num(row.concurrencyLimit),
    spendLimitPeriod: String(row.spendLimitPeriod),
  };
}

/** Groups, enabled models and active channels: everything routing and pricing read. */
export async function loadRouting() {
  const [groups, models, channels] = await Promise.all([
    query(`SELECT name, ratio, "rpmLimit", "tpmLimit", "concurrencyLimit" FROM groups`),
    query(
      `SELECT name, "modelRatio", "completionRatio", "cacheRatio", "cacheWriteRatio", "cacheWrite1hRatio", "fixedPrice",
              "maxOutputTokens", "contextWindow" FROM models WHERE enabled = $1`,
      [true],
    ),
    query(
      `SELECT id, name, type, "baseUrl", "apiKey", "apiVersion", headers, models, "modelMapping", groups, priority, weight
       FROM channels WHERE status = 'active'`,
    ),
  ]);
  return {
    groups: groups.rows.map((g) => ({
      name: String(g.name),
      ratio: Number(g.ratio),
      rpmLimit: g.rpmLimit === null ? null : num(g.rpmLimit),
      tpmLimit: g.tpmLimit === null ? null : num(g.tpmLimit),
      concurrencyLimit: g.concurrencyLimit === null ? null : num(g.concurrencyLimit),
    })),
    models: models.rows.map((m) => ({
      name: String(m.name),
      modelRatio: Number(m.modelRatio),
      completionRatio: Number(m.completionRatio),
      cacheRatio: Number(m.cacheRatio),
      cacheWriteRatio: m.cacheWriteRatio === null ? null : Number(m.cacheWriteRatio),
      cacheWrite1hRatio: m.cacheWrite1hRatio === null ? null : Number(m.cacheWrite1hRatio),
      fixedPrice: m.fixedPrice === null ? null : Number(m.fixedPrice),
      maxOutputTokens: num(m.maxOutputTokens),
      contextWindow: m.contextWindow === null ? null : num(m.contextWindow),
    })),
    channels: channels.rows.map((c) => ({
      ...upstreamOf(c),
      name: String(c.name),
      models: stringList(jsonColumn(c.models)),
      modelMapping: stringMap(jsonColumn(c.modelMapping)),
      groups: stringList(jsonColumn(c.groups)),
      priority: num(c.priority),
      weight: num(c.weight),
    })),
  };
}

/** Records a channel failure; disables it once `threshold` failures happened in a row. Returns true when it was just disabled. */
export async function recordChannelFailure(id: number, reason: string, threshold: number): Promise<boolean> {
  const now = new Date();
  await query(
    `UPDATE channels SET "consecutiveFailures" = "consecutiveFailures" + 1, "totalFailures" = "totalFailures" + 1,
       "lastError" = $1, "lastFailureAt" = $2 WHERE id = $3`,
    [reason.slice(0, 500), now, id],
  );
  const disabled = await query(
    `UPDATE channels SET status = 'auto_disabled', "updatedAt" = $1 WHERE id = $2 AND status = 'active' AND "consecutiveFailures" >= $3`,
    [now, id, threshold],
  );
  return disabled.count > 0;
}

/** Records a success: the failure streak ends. */
export async function recordChannelSuccess(id: number): Promise<void> {
  await query(`UPDATE channels SET "consecutiveFailures" = 0, "lastSuccessAt" = $1 WHERE id = $2`, [new Date(), id]);
}

/** Auto-disabled channels, for the probe. */
export async function listAutoDisabledChannels() {
  const { rows } = await query(`SELECT id, type, "baseUrl", "apiKey", "apiVersion", headers FROM channels WHERE status = 'auto_disabled'`);
  return rows.map(upstreamOf);
}

/** What reaching a channel's upstream takes (type, URL, opened keys, version, headers), from its row. */
function upstreamOf(c: Record<string, unknown>) {
  return {
    id: num(c.id),
    type: String(c.type),
    baseUrl: String(c.baseUrl),
    apiKeys: channelKeys(num(c.id), c.apiKey),
    apiVersion: c.apiVersion === null ? null : String(c.apiVersion),
    headers: stringMap(jsonColumn(c.headers)),
  };
}

/** Puts an auto-disabled channel back in service. */
export async function reenableChannel(id: number): Promise<boolean> {
  const now = new Date();
  const r = await query(
    `UPDATE channels SET status = 'active', "consecutiveFailures" = 0, "lastSuccessAt" = $1, "updatedAt" = $1 WHERE id = $2 AND status = 'auto_disabled'`,
    [now, id],
  );
  return r.count > 0;
}

/** Marks tokens as used now (called in batches, not per request). */
export async function touchTokens(ids: number[], at: Date): Promise<void> {
  if (!ids.length) return;
  const marks = ids.map((_, i) => `$${i + 2}`).join(", ");
  await query(`UPDATE tokens SET "lastUsedAt" = $1 WHERE id IN (${marks})`, [at, ...ids]);
}

/** The usage_records columns the relay writes, in one order for every statement. */
export const USAGE_COLUMNS = [
  "requestId", "userId", "tokenId", "tokenName", "channelId", "endpoint", "model", "upstreamModel", "group",
  "promptTokens", "completionTokens", "cachedTokens", "cacheWriteTokens", "cacheWrite1hTokens", "reasoningTokens",
  "modelRatio", "completionRatio", "cacheRatio", "cacheWriteRatio", "cacheWrite1hRatio", "groupRatio", "fixedPrice",
  "cost", "writtenOff", "status", "errorCode", "errorMessage", "stream", "estimated", "latencyMs", "ttfbMs",
  "attempts", "clientIp", "userAgent", "createdAt",
] as const satisfies readonly (keyof UsageEntry)[];

export const USAGE_COLUMN_LIST = USAGE_COLUMNS.map((c) => `"${c}"`).join(", ");

/** A record's values in USAGE_COLUMNS order, as the drivers take them (attempts as JSON text). */
export function usageValues(row: UsageEntry): unknown[] {
  return USAGE_COLUMNS.map((c) => (c === "attempts" ? JSON.stringify(row.attempts) : row[c]));
}

function* insertUsageSteps(rows: UsageEntry[]): Steps<void> {
  // 35 columns × 250 rows stays under both databases' bind-parameter limits.
  for (let i = 0; i < rows.length; i += 250) {
    const params: unknown[] = [];
    const tuples = rows.slice(i, i + 250).map((row) => {
      const values = usageValues(row);
      const marks = values.map((v) => `$${params.push(v)}`);
      return `(${marks.join(", ")})`;
    });
    // A record already written (a journal replayed twice) is kept as it is.
    yield { sql: `INSERT INTO usage_records (${USAGE_COLUMN_LIST}) VALUES ${tuples.join(", ")} ON CONFLICT ("requestId") DO NOTHING`, params };
  }
}

/** Writes a batch of usage records in one transaction of multi-row INSERTs; records already written are skipped. */
export async function insertUsageRecords(rows: UsageEntry[]): Promise<void> {
  if (rows.length) await transaction(() => insertUsageSteps(rows));
}

/** Every channel's health, for metrics. */
export async function channelHealth() {
  const { rows } = await query(`SELECT id, name, status, "consecutiveFailures" FROM channels ORDER BY id`);
  return rows.map((c) => ({ id: num(c.id), name: String(c.name), status: String(c.status), consecutiveFailures: num(c.consecutiveFailures) }));
}

/** Credit reservations held now (calls in flight on any instance): how many, and how much. */
export async function heldReservations(): Promise<{ count: number; amount: number }> {
  const { rows } = await query(`SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount FROM holds`);
  return { count: num(rows[0].n), amount: num(rows[0].amount) };
}
