import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type TestProvider = "sqlite" | "postgresql";

export type TestDatabase = { url: string; provider: TestProvider; drop(): Promise<void> };

/** Which database the suite runs on: TEST_DATABASE=postgresql|sqlite (default sqlite). */
export function testProvider(): TestProvider {
  const v = (process.env.TEST_DATABASE ?? "sqlite").toLowerCase();
  return v.startsWith("postgres") ? "postgresql" : "sqlite";
}

/** The server tests create their databases on (TEST_PG_URL). */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A fresh, empty database of the chosen provider; drop() removes every trace of it. */
export async function createTestDatabase(provider: TestProvider = testProvider()): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "gw-test-"));
    return {
      url: `file:${path.join(dir, "gateway.db")}`,
      provider,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `gw_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    provider,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
