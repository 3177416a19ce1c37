// Shared helpers for the lib/db tests: throwaway SQLite files and PostgreSQL databases.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createTestDatabase, PG_ADMIN_URL } from "../../e2e/support/test-db";

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
