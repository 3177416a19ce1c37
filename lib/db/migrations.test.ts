import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, diffSchemaAgainstMigrations, readMigrationsList } from "./migrations";
import { createPgDatabase, listPgDatabases, PG_SERVER_URL, tempSqliteUrl } from "./test-helpers";

const TABLES = ["balance_events", "channels", "groups", "holds", "models", "redemption_uses", "redemptions", "settings", "tokens", "usage_records", "usage_totals", "users"];

function checkedIn(provider: "postgresql" | "sqlite"): string[] {
  return readMigrationsList(provider).migrationDirectories.map((d) => d.path);
}

describe("checked-in migrations", () => {
  it("exist for both providers with the same names", () => {
    expect(checkedIn("sqlite").length).toBeGreaterThan(0);
    expect(checkedIn("postgresql")).toEqual(checkedIn("sqlite"));
    for (const p of ["postgresql", "sqlite"]) {
      const lock = fs.readFileSync(path.join("prisma/migrations", p, "migration_lock.toml"), "utf8");
      expect(lock).toContain(`provider = "${p}"`);
    }
  });
});

describe("drift: prisma/schema.prisma vs checked-in migrations (run `npm run db:migration -- <name>` if this fails)", () => {
  it("sqlite is in sync", async () => {
    expect(await diffSchemaAgainstMigrations("sqlite")).toBe("");
  });

  it("postgresql is in sync and leaves no shadow database behind", async () => {
    expect(await diffSchemaAgainstMigrations("postgresql", PG_SERVER_URL)).toBe("");
    expect(await listPgDatabases("prisma_shadow_")).toEqual([]);
  });
});

describe("applyMigrations on SQLite", () => {
  const { url, dir } = tempSqliteUrl();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("applies every migration to a fresh file (creating its directory), then is a no-op", async () => {
    expect(await applyMigrations(url)).toEqual({ applied: checkedIn("sqlite") });
    expect(await applyMigrations(url)).toEqual({ applied: [] });

    const db = new Database(url.slice("file:".length), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all()
        .map((r) => (r as { name: string }).name);
      expect(tables).toEqual(["_prisma_migrations", ...TABLES]);
      const rows = db.prepare("SELECT migration_name, finished_at FROM _prisma_migrations").all() as {
        migration_name: string;
        finished_at: unknown;
      }[];
      expect(rows.map((r) => r.migration_name)).toEqual(checkedIn("sqlite"));
      expect(rows.every((r) => r.finished_at != null)).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe("applyMigrations on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  beforeAll(async () => {
    db = await createPgDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies every migration once even when two migrators start at the same time, then is a no-op", async () => {
    const results = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
    const applied = results.map((r) => r.applied).sort((a, b) => b.length - a.length);
    expect(applied).toEqual([checkedIn("postgresql"), []]);
    expect(await applyMigrations(db.url.replace(/^postgresql:/, "postgres:"))).toEqual({ applied: [] });

    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const { rows } = await c.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(rows.map((r) => r.table_name)).toEqual(["_prisma_migrations", ...TABLES]);
      const m = await c.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL");
      expect(m.rows.map((r) => r.migration_name)).toEqual(checkedIn("postgresql"));
    } finally {
      await c.end();
    }
  });
});

describe("applyMigrations input checks", () => {
  it("rejects unsupported URLs", async () => {
    await expect(applyMigrations("mysql://localhost/x")).rejects.toThrow(/unsupported DATABASE_URL/);
  });
});
