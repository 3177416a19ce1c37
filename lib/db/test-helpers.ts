// Shared helpers for the lib/db tests: throwaway SQLite files and PostgreSQL databases.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { Hold, UsageEntry } from "@/lib/gateway/types";
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from "../../e2e/support/test-db";
import { disconnectDb } from "./client";
import { applyMigrations } from "./migrations";
import { closeRaw } from "./raw";

export const PG_SERVER_URL = PG_ADMIN_URL;

export function tempSqliteUrl(): { url: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-db-test-"));
  // a sub-directory that does not exist yet: applyMigrations must create it
  return { url: `file:${path.join(dir, "nested", "gateway.db")}`, dir };
}

/** A fresh PostgreSQL database; drop() removes it. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createTestDatabase("postgresql");
}

/** Databases on the server whose names match a prefix (to check nothing is left behind). */
export async function listPgDatabases(prefix: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: PG_SERVER_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${prefix}%`],
    );
    return rows.map((r) => r.datname);
  } finally {
    await c.end();
  }
}

/**
 * A migrated database of `provider` for the enclosing describe block, made the process's
 * DATABASE_URL while it runs (Prisma and the drivers both open it), dropped after.
 */
export function useMigratedDatabase(provider: "sqlite" | "postgresql"): void {
  let db: TestDatabase;
  const original = process.env.DATABASE_URL;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    process.env.DATABASE_URL = db.url;
    await applyMigrations(db.url);
  });
  afterAll(async () => {
    await closeRaw();
    await disconnectDb();
    await db.drop();
    process.env.DATABASE_URL = original;
  });
}

/** A usage record of one successful chat call for `hold` that cost `cost` (prompt tokens at ratio 1). */
export function usageEntry(hold: Pick<Hold, "requestId" | "userId" | "tokenId">, cost: number, over: Partial<UsageEntry> = {}): UsageEntry {
  return {
    requestId: hold.requestId, userId: hold.userId, tokenId: hold.tokenId, tokenName: "t", channelId: 1, endpoint: "chat",
    model: "m", upstreamModel: "m", group: "default", promptTokens: cost, completionTokens: 0, cachedTokens: 0,
    cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0, modelRatio: 1, completionRatio: 1, cacheRatio: 1,
    cacheWriteRatio: 1.25, cacheWrite1hRatio: 2, groupRatio: 1, fixedPrice: null, cost, writtenOff: 0, status: 200,
    errorCode: null, errorMessage: null, stream: false, estimated: false, latencyMs: 5, ttfbMs: null,
    attempts: [{ channelId: 1, status: 200, error: null, ms: 4 }], clientIp: "127.0.0.1", userAgent: "test", createdAt: new Date(),
    ...over,
  };
}
