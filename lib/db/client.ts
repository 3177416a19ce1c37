// The only place that creates the Prisma client. Both generated clients (lib/db/generated/*,
// from `npm run db:generate`) have identical APIs; everything is typed with the PostgreSQL one.
// Importing this file loads only JavaScript: each client fetches its query-compiler WASM on
// first use, and better-sqlite3 loads its native addon when a database is opened, so only the
// engine for the configured provider is ever loaded.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type PrismaClient, PrismaClient as PostgresPrismaClient } from "./generated/postgresql/client";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { DEFAULT_DATABASE_URL, providerFromUrl, sqlitePathFromUrl } from "./schema-source";

export type { PrismaClient };
export type { Channel, Group, Hold, ModelPrice, Setting, Token, UsageRecord, User } from "./generated/postgresql/client";
// Error classes etc. come from the shared @prisma/client runtime, so `instanceof` works for both clients.
export { Prisma } from "./generated/postgresql/client";

/** How long a SQLite writer waits for a lock held by another connection/process. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Connections per PostgreSQL pool (DATABASE_POOL_SIZE, default 10): a process has one for Prisma and one for the relay's driver. */
export const pgPoolSize = (): number => Number(process.env.DATABASE_POOL_SIZE) || 10;

type DbState = { client: PrismaClient; url: string };
const globalForDb = globalThis as typeof globalThis & { __gatewayDb?: DbState };

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function databaseProvider(): "sqlite" | "postgresql" {
  return providerFromUrl(databaseUrl());
}

/** Creates a new client for `url` (use getDb() in application code). */
export function createDbClient(url: string = databaseUrl()): PrismaClient {
  if (providerFromUrl(url) === "sqlite") {
    const file = sqlitePathFromUrl(url);
    if (file !== ":memory:") {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // journal_mode is persistent in the file: set it once, synchronously, before Prisma connects.
      const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
      try {
        db.pragma("journal_mode = WAL");
      } finally {
        db.close();
      }
    }
    // `timeout` is better-sqlite3's busy_timeout: concurrent writers wait instead of SQLITE_BUSY.
    const adapter = new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
    return new SqlitePrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const max = pgPoolSize();
  const adapter = new PrismaPg({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  return new PostgresPrismaClient({ adapter });
}

/** Lazy per-process singleton (kept on globalThis so Next dev reloads reuse it). */
export function getDb(): PrismaClient {
  const url = databaseUrl();
  const state = globalForDb.__gatewayDb;
  if (state && state.url === url) return state.client;
  if (state) void state.client.$disconnect().catch(() => {});
  const client = createDbClient(url);
  globalForDb.__gatewayDb = { client, url };
  return client;
}

export async function disconnectDb(): Promise<void> {
  const state = globalForDb.__gatewayDb;
  globalForDb.__gatewayDb = undefined;
  if (state) await state.client.$disconnect();
}
