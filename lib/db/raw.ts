// The relay's hot path (token lookup, credit reservation and settlement) runs on the database
// drivers directly: through Prisma each of those took milliseconds, here tens of microseconds.
// Statements use PostgreSQL's $1 placeholders and quoted camelCase columns on both databases.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Pool } from "pg";
import { databaseUrl, pgPoolSize, SQLITE_BUSY_TIMEOUT_MS } from "@/lib/db/client";
import { providerFromUrl, sqlitePathFromUrl } from "@/lib/db/schema-source";
import { log } from "@/lib/log";

export type Stmt = { sql: string; params: unknown[] };
export type StmtResult = { count: number; rows: Record<string, unknown>[] };
/** A transaction's statements as a generator: each `yield` runs one and answers its result. */
export type Steps<R> = Generator<Stmt, R, StmtResult>;

/** Thrown from a transaction's steps to roll it back and hand `value` to the caller. */
export class Rollback<R> {
  constructor(readonly value: R) {}
}

type Raw =
  | { kind: "sqlite"; url: string; db: Database.Database; statements: Map<string, Database.Statement> }
  | { kind: "postgresql"; url: string; pool: Pool };

const RAW = Symbol.for("gateway.rawDb");
type Holder = { [RAW]?: Promise<Raw> };

async function open(url: string): Promise<Raw> {
  if (providerFromUrl(url) === "sqlite") {
    const { default: Sqlite } = await import("better-sqlite3");
    const db = new Sqlite(sqlitePathFromUrl(url), { timeout: SQLITE_BUSY_TIMEOUT_MS });
    db.pragma("journal_mode = WAL");
    // WAL with synchronous=NORMAL is durable against application crashes and still fast.
    db.pragma("synchronous = NORMAL");
    return { kind: "sqlite", url, db, statements: new Map() };
  }
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    max: pgPoolSize(),
    // A database that does not answer fails the call fast (settlements then go to the journal).
    connectionTimeoutMillis: 5_000,
    // TIMESTAMP (without zone) as text: pg would read it as local time; callers know it is UTC.
    types: { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === 1114 ? (v: string) => v : pg.types.getTypeParser(oid, format))) as never },
  });
  pool.on("error", (e) => log().error({ error: e.message }, "postgres pool error"));
  // Ledger statements run in autocommit and need not wait for the WAL flush: a database crash may
  // forget the last milliseconds of them (a hold then expires and is released), but can never
  // make a balance negative.
  pool.on("connect", (client) => void client.query("SET synchronous_commit = off").catch(() => {}));
  return { kind: "postgresql", url, pool };
}

function raw(): Promise<Raw> {
  const holder = globalThis as Holder;
  holder[RAW] ??= open(databaseUrl());
  return holder[RAW];
}

/** Closes the driver connections (at shutdown). */
export async function closeRaw(): Promise<void> {
  const holder = globalThis as Holder;
  const r = holder[RAW];
  holder[RAW] = undefined;
  if (!r) return;
  const conn = await r;
  if (conn.kind === "sqlite") conn.db.close();
  else await conn.pool.end();
}

// SQLite takes `$1` as `?1` (numbered, so a repeated placeholder binds the same value); Dates are
// stored the way Prisma stores them (ISO text, +00:00), booleans as 0/1.
function sqliteValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? Number(v) : v;
}

const statementNames = new Map<string, string>();

/**
 * With `prepare`, a named query: PostgreSQL parses and plans it once per connection instead of on
 * every call (the hot path's statements, the ledger's are long). Only for fixed statements.
 */
function pgQuery(sql: string, params: unknown[], prepare = false) {
  let name = statementNames.get(sql);
  if (prepare && name === undefined) {
    name = `gw${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: forPg(params) };
}

// Columns are TIMESTAMP(3) without time zone holding UTC, as Prisma writes them: send UTC text.
function forPg(params: unknown[]): unknown[] {
  return params.map((v) => (v instanceof Date ? v.toISOString() : v));
}

function runSqlite(conn: Extract<Raw, { kind: "sqlite" }>, stmt: Stmt): StmtResult {
  let prepared = conn.statements.get(stmt.sql);
  if (!prepared) {
    prepared = conn.db.prepare(stmt.sql.replace(/\$(\d+)/g, "?$1"));
    // Statements are few and fixed; the bound only guards against unexpected variety.
    if (conn.statements.size < 500) conn.statements.set(stmt.sql, prepared);
  }
  // Numbered parameters bind by name in better-sqlite3: {1: …, 2: …}.
  const params: Record<number, unknown> = {};
  for (let i = 0; i < stmt.params.length; i++) params[i + 1] = sqliteValue(stmt.params[i]);
  if (prepared.reader) {
    const rows = prepared.all(params) as Record<string, unknown>[];
    return { count: rows.length, rows };
  }
  return { count: prepared.run(params).changes, rows: [] };
}

type Pending = { steps: () => Steps<unknown>; resolve(v: unknown): void; reject(e: unknown): void };
type SqliteConn = Extract<Raw, { kind: "sqlite" }>;
const queue: Pending[] = [];
let flushScheduled = false;

function runSteps<R>(conn: SqliteConn, steps: () => Steps<R>): R {
  const it = steps();
  let next = it.next();
  while (!next.done) next = it.next(runSqlite(conn, next.value));
  return next.value;
}

/**
 * Group commit: every SQLite transaction asked for in one turn of the event loop runs inside one
 * BEGIN IMMEDIATE … COMMIT, each in its own savepoint (a Rollback undoes only its own steps). A
 * commit is the expensive part of a write; calls in flight together share it.
 */
function flushSqlite(conn: SqliteConn): void {
  flushScheduled = false;
  const batch = queue.splice(0);
  const outcomes: { ok: boolean; value: unknown }[] = [];
  try {
    conn.db
      .transaction(() => {
        for (const op of batch) {
          try {
            outcomes.push({ ok: true, value: conn.db.transaction(() => runSteps(conn, op.steps))() });
          } catch (err) {
            outcomes.push(err instanceof Rollback ? { ok: true, value: err.value } : { ok: false, value: err });
          }
        }
      })
      .immediate();
  } catch (err) {
    for (const op of batch) op.reject(err);
    return;
  }
  batch.forEach((op, i) => (outcomes[i].ok ? op.resolve(outcomes[i].value) : op.reject(outcomes[i].value)));
}

/**
 * Runs the steps in one transaction (SQLite: BEGIN IMMEDIATE, shared with the other transactions
 * of the same event-loop turn; PostgreSQL: READ COMMITTED). A thrown Rollback undoes the steps
 * and answers its value.
 */
export async function transaction<R>(steps: () => Steps<R>): Promise<R> {
  const conn = await raw();
  if (conn.kind === "sqlite") {
    return new Promise<R>((resolve, reject) => {
      queue.push({ steps, resolve: resolve as (v: unknown) => void, reject });
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => flushSqlite(conn));
      }
    });
  }
  const client = await conn.pool.connect();
  try {
    await client.query("BEGIN");
    const it = steps();
    let next = it.next();
    while (!next.done) {
      const res = await client.query(pgQuery(next.value.sql, next.value.params));
      next = it.next({ count: res.rowCount ?? 0, rows: res.rows });
    }
    await client.query("COMMIT");
    return next.value;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    if (err instanceof Rollback) return err.value as R;
    throw err;
  } finally {
    client.release();
  }
}

/** Which driver the hot path runs on. */
export async function dialect(): Promise<Raw["kind"]> {
  return (await raw()).kind;
}

/**
 * Runs one statement outside a transaction (PostgreSQL: autocommit, without waiting for the WAL
 * flush). `prepare` for fixed statements of the hot path: planned once per connection.
 */
export async function query(sql: string, params: unknown[] = [], opts: { prepare?: boolean } = {}): Promise<StmtResult> {
  const conn = await raw();
  if (conn.kind === "sqlite") return runSqlite(conn, { sql, params });
  const res = await conn.pool.query(pgQuery(sql, params, opts.prepare));
  return { count: res.rowCount ?? 0, rows: res.rows };
}

// How values come back from the drivers; the writing side is sqliteValue and forPg above. Both
// must agree with Prisma, which reads and writes the same columns (tested in raw.test.ts).

/** A Json column's value: SQLite answers it as text, PostgreSQL as the parsed value. */
export const jsonColumn = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);

/** A timestamp column as a Date: both databases hold UTC; text without a zone (PostgreSQL TIMESTAMP) is UTC. */
export function timestamp(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`);
}

/** A count or amount column as a number (PostgreSQL answers bigint as text). */
export function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}
