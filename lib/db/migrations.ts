// Applies the checked-in migrations (prisma/migrations/{postgresql,sqlite}) with Prisma's schema
// engine compiled to WebAssembly, driven through the official driver adapters. The native
// schema-engine binary is not needed (and cannot be downloaded in some environments).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type {
  MigrationList,
  SchemaEngine as SchemaEngineType,
} from "@prisma/schema-engine-wasm";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import {
  type DbProvider,
  DEFAULT_DATABASE_URL,
  providerFromUrl,
  repoRoot,
  schemaFor,
  sqlitePathFromUrl,
  SCHEMA_PATH,
} from "./schema-source";

export type { DbProvider } from "./schema-source";

/** Key for pg_advisory_lock; distinct from the key Prisma's engine may use internally (72707369). */
const MIGRATION_LOCK_KEY = 0x67776d67; // "gwmg"

/** Default server used as the shadow database host when diffing PostgreSQL migrations. */
const DEFAULT_PG_SHADOW_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

const EMPTY_FILTER = { externalTables: [], externalEnums: [] };

export function migrationsDir(provider: DbProvider, root: string = repoRoot()): string {
  return path.join(root, "prisma", "migrations", provider);
}

/** Same shape as the Prisma CLI builds it (see prisma/build: listMigrations). */
export function readMigrationsList(provider: DbProvider, root: string = repoRoot()): MigrationList {
  const baseDir = migrationsDir(provider, root);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const lockfile = {
    path: "migration_lock.toml",
    content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
  };
  const entries = fs.existsSync(baseDir) ? fs.readdirSync(baseDir, { withFileTypes: true }) : [];
  const migrationDirectories = entries
    .filter((e) => e.isDirectory())
    .map((e) => {
      const file = path.join(baseDir, e.name, "migration.sql");
      let content: { tag: "ok"; value: string } | { tag: "error"; value: string };
      try {
        content = { tag: "ok", value: fs.readFileSync(file, "utf8") };
      } catch (err) {
        content = { tag: "error", value: (err as Error).message };
      }
      return { path: e.name, migrationFile: { path: "migration.sql", content } };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile, migrationDirectories, shadowDbInitScript: "" };
}

// ---------------------------------------------------------------------------------------------
// WASM engine bootstrap (once per process)

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let engineModule: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const mod: EngineModule = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(path.join(repoRoot(), "package.json"));
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    // The engine arms timers (e.g. a 10 s lock-wait timeout) that outlive the calls that armed
    // them; unref them so a finished migration does not keep the process alive for 10 s.
    const imports: Record<string, unknown> = { ...mod };
    for (const [name, fn] of Object.entries(mod)) {
      if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
        imports[name] = (...args: unknown[]) => {
          const timer = (fn as (...a: unknown[]) => unknown)(...args);
          (timer as { unref?: () => void } | undefined)?.unref?.();
          return timer;
        };
      }
    }
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
      "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
    });
    mod.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return mod;
  })();
  engineModule.catch(() => (engineModule = undefined));
  return engineModule;
}

const logLevelOrder = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"];

/** The engine logs JSON lines; drop them unless PRISMA_MIGRATE_LOG=<level> asks for them (to stderr). */
function engineLog(line: string) {
  const wanted = process.env.PRISMA_MIGRATE_LOG?.toUpperCase();
  if (!wanted) return;
  let level = "INFO";
  try {
    level = String(JSON.parse(line).level ?? "INFO").toUpperCase();
  } catch {
    /* not JSON */
  }
  if (logLevelOrder.indexOf(level) >= logLevelOrder.indexOf(wanted)) process.stderr.write(`[schema-engine] ${line}\n`);
}

async function adapterFactoryFor(
  provider: DbProvider,
  url: string,
): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    const file = sqlitePathFromUrl(url);
    // `timeout` = better-sqlite3 busy timeout: concurrent migrators wait instead of failing.
    return new PrismaBetterSqlite3({ url: file, timeout: 10_000 }, { shadowDatabaseUrl: ":memory:" });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // allowExitOnIdle/idleTimeoutMillis: never let an idle migration pool hold the process open.
  const poolConfig = (connectionString: string) => ({
    connectionString,
    max: 2,
    idleTimeoutMillis: 1_000,
    allowExitOnIdle: true,
  });
  const main = new PrismaPg(poolConfig(url));
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    // PrismaPg.connectToShadowDb() spreads `database` next to `connectionString`, and the
    // connection string wins, so the "shadow" replay would run against the main database.
    // Create the shadow database ourselves and connect to it by URL instead.
    connectToShadowDb: async () => {
      const pg = (await import("pg")).default;
      const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const adapter = await new PrismaPg(poolConfig(shadowUrl.toString())).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
      return adapter;
    },
  };
}

type Disposable = { dispose(): Promise<void> };

function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return adapter.provider === "sqlite" ? allowMultiStatementScripts(adapter) : readCharColumnsAsText(adapter);
}

/**
 * The engine's PostgreSQL describer selects pg_catalog columns of the internal type "char"
 * (OID 18), which @prisma/adapter-pg refuses ("Column type 'char' could not be deserialized").
 * The values arrive as strings anyway, so report such columns as text (OID 25).
 */
function readCharColumnsAsText<T extends object>(queryable: T): T {
  type IO = (query: unknown) => Promise<{ fields?: { dataTypeID: number }[] }>;
  const q = queryable as unknown as { performIO?: IO; startTransaction?: (...a: unknown[]) => Promise<object> };
  if (typeof q.performIO === "function") {
    const performIO = q.performIO.bind(queryable);
    q.performIO = async (query) => {
      const result = await performIO(query);
      for (const f of result.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
      return result;
    };
  }
  if (typeof q.startTransaction === "function") {
    const startTransaction = q.startTransaction.bind(queryable);
    q.startTransaction = async (...args) => readCharColumnsAsText(await startTransaction(...args));
  }
  return queryable;
}

/**
 * When replaying migrations into the shadow database, the engine sends each migration.sql as one
 * raw query. better-sqlite3's prepare() accepts a single statement only, so an argument-less
 * multi-statement query is re-run through executeScript() (better-sqlite3's exec()).
 */
function allowMultiStatementScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  if (adapter.provider !== "sqlite") return adapter;
  const isMulti = (err: unknown) => {
    const e = err as { message?: string; cause?: { originalMessage?: string; message?: string } };
    const text = `${e?.message ?? ""} ${e?.cause?.originalMessage ?? ""} ${e?.cause?.message ?? ""}`;
    return text.includes("more than one statement");
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    try {
      return await queryRaw(query);
    } catch (err) {
      if (query.args.length > 0 || !isMulti(err)) throw err;
      await adapter.executeScript(query.sql);
      return { columnNames: [], columnTypes: [], rows: [] };
    }
  };
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (err) {
      if (query.args.length > 0 || !isMulti(err)) throw err;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/** Wraps a factory so every adapter it hands out is disposed (once) when we are done. */
function trackAdapters(factory: SqlMigrationAwareDriverAdapterFactory) {
  const adapters: Disposable[] = [];
  const track = <A extends Disposable>(adapter: A): A => {
    const dispose = adapter.dispose.bind(adapter);
    let done: Promise<void> | undefined;
    adapter.dispose = () => (done ??= dispose());
    adapters.push(adapter);
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(patchAdapter(await factory.connect())),
    connectToShadowDb: async () => track(patchAdapter(await factory.connectToShadowDb())),
  };
  const disposeAll = async () => {
    await Promise.all(adapters.map((a) => a.dispose().catch(() => {})));
  };
  return { tracked, disposeAll };
}

async function withEngine<T>(
  provider: DbProvider,
  url: string,
  fn: (engine: SchemaEngineType) => Promise<T>,
): Promise<T> {
  const [mod, { bindMigrationAwareSqlAdapterFactory }] = await Promise.all([
    loadEngineModule(),
    import("@prisma/driver-adapter-utils"),
  ]);
  const { tracked, disposeAll } = trackAdapters(await adapterFactoryFor(provider, url));
  const bound = bindMigrationAwareSqlAdapterFactory(tracked);
  let engine: SchemaEngineType | undefined;
  try {
    engine = await mod.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schemaFor(provider)]] }, engineLog, bound);
    return await fn(engine);
  } catch (err) {
    throw withAdapterError(toError(err, "schema engine"), bound.errorRegistry);
  } finally {
    engine?.free();
    await disposeAll();
  }
}

/** "External error id#N" refers to a driver error kept in the adapter's registry: attach it. */
function withAdapterError(err: Error, registry: { consumeError(id: number): { error: unknown } | undefined }): Error {
  const m = /External error id#(\d+)/.exec(err.message);
  if (!m) return err;
  const detail = registry.consumeError(Number(m[1]))?.error as Record<string, unknown> | undefined;
  if (detail) {
    const text = String((detail.originalMessage as string) ?? (detail.message as string) ?? JSON.stringify(detail));
    err.message = err.message.replace(m[0], `${m[0]}: ${text}`);
    Object.assign(err, { adapterError: detail });
  }
  return err;
}

/** Engine errors arrive as plain objects ({message, error_code, meta, ...}); make them Errors. */
function toError(err: unknown, what: string): Error {
  if (err instanceof Error) return err;
  if (err && typeof err === "object") {
    const o = err as Record<string, unknown>;
    const e = new Error(`${what}: ${String(o.message ?? JSON.stringify(err))}`);
    Object.assign(e, { cause: err, code: o.error_code });
    return e;
  }
  return new Error(`${what}: ${String(err)}`);
}

// ---------------------------------------------------------------------------------------------
// Public API

/** How many checked-in migrations a SQLite file has not applied yet (all of them for a new file). */
async function sqlitePending(file: string, list: MigrationList): Promise<number> {
  if (!fs.existsSync(file)) return list.migrationDirectories.length;
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true, timeout: 5_000 });
  try {
    const rows = db
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all() as { migration_name: string }[];
    const applied = new Set(rows.map((r) => r.migration_name));
    return list.migrationDirectories.filter((d) => !applied.has(d.path)).length;
  } catch {
    return list.migrationDirectories.length; // no _prisma_migrations table yet
  } finally {
    db.close();
  }
}

/**
 * Applies pending checked-in migrations to the database at `databaseUrl`. Idempotent; on
 * PostgreSQL serialised across processes with an advisory lock.
 */
export async function applyMigrations(databaseUrl: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): Promise<{ applied: string[] }> {
  const provider = providerFromUrl(databaseUrl);
  const migrationsList = readMigrationsList(provider);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`no migrations found in ${migrationsList.baseDir}`);
  }

  const run = () =>
    withEngine(provider, databaseUrl, async (engine) => {
      try {
        const out = await engine.applyMigrations({ migrationsList, filters: EMPTY_FILTER });
        return { applied: out.appliedMigrationNames };
      } catch (err) {
        throw toError(err, "applying migrations failed");
      }
    });

  if (provider === "sqlite") {
    const file = sqlitePathFromUrl(databaseUrl);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    // The engine takes SQLite's exclusive lock, which fails while another process has the file
    // open: skip it when nothing is pending, so a second instance can start beside the first.
    if (file !== ":memory:" && (await sqlitePending(file, migrationsList)) === 0) return { applied: [] };
    return run();
  }

  const pg = (await import("pg")).default;
  const lockClient = new pg.Client({ connectionString: databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await run();
    } finally {
      await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await lockClient.end().catch(() => {});
  }
}

/**
 * SQL that takes a database built from the checked-in migrations to prisma/schema.prisma.
 * Empty string when they are in sync. Replaying the migrations needs a shadow database:
 * SQLite uses an in-memory one; PostgreSQL creates (and drops) a temporary database on the
 * server at `shadowServerUrl` (default: SHADOW_DATABASE_URL, else DATABASE_URL when it is
 * PostgreSQL, else postgresql://postgres@127.0.0.1:5432/postgres).
 */
export async function diffSchemaAgainstMigrations(
  provider: DbProvider,
  shadowServerUrl?: string,
): Promise<string> {
  const migrationsList = readMigrationsList(provider);
  const url =
    provider === "sqlite"
      ? "file::memory:"
      : shadowServerUrl ??
        process.env.SHADOW_DATABASE_URL ??
        (process.env.DATABASE_URL && providerFromUrlSafe(process.env.DATABASE_URL) === "postgresql"
          ? process.env.DATABASE_URL
          : DEFAULT_PG_SHADOW_URL);
  return withEngine(provider, url, async (engine) => {
    try {
      const from =
        migrationsList.migrationDirectories.length === 0
          ? ({ tag: "empty" } as const)
          : ({ tag: "migrations", ...migrationsList } as const);
      const result = await engine.diff({
        from,
        to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schemaFor(provider) }] },
        script: true,
        exitCode: true,
        filters: EMPTY_FILTER,
      });
      // exitCode 2 = non-empty diff; 0 = in sync (stdout then holds "-- This is an empty migration.").
      return result.exitCode === 2 ? (result.stdout ?? "").trim() + "\n" : "";
    } catch (err) {
      throw toError(err, `diffing ${provider} migrations against the schema failed`);
    }
  });
}

function providerFromUrlSafe(url: string): DbProvider | undefined {
  try {
    return providerFromUrl(url);
  } catch {
    return undefined;
  }
}
