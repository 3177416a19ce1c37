// Shared helpers for the lib/db tests: throwaway SQLite files and PostgreSQL databases.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

export const PG_SERVER_URL = process.env.TEST_PG_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function tempSqliteUrl(): { url: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-db-test-"));
  // a sub-directory that does not exist yet: applyMigrations must create it
  return { url: `file:${path.join(dir, "nested", "gateway.db")}`, dir };
}

export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gw_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_SERVER_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
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
