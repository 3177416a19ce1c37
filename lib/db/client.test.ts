import { spawn } from "node:child_process";
import fs from "node:fs";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { databaseProvider, disconnectDb, getDb, type PrismaClient } from "./client";
import { applyMigrations } from "./migrations";
import { createPgDatabase, tempSqliteUrl } from "./test-helpers";

const originalUrl = process.env.DATABASE_URL;
afterEach(async () => {
  await disconnectDb();
  if (originalUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = originalUrl;
});

const BIG = 9_007_199_254_740_993n; // > Number.MAX_SAFE_INTEGER: must survive as a BigInt

async function roundTrip(db: PrismaClient) {
  const created = await db.user.create({
    data: { email: "a@example.com", passwordHash: "x", balance: BIG, tokens: { create: { name: "t", keyHash: "h", keyPreview: "sk-…", allowedModels: ["m1"], allowedIps: [] } } },
  });
  expect(created.id).toBeTypeOf("number");
  const read = await db.user.findUniqueOrThrow({ where: { email: "a@example.com" }, include: { tokens: true } });
  expect(read.balance).toBe(BIG);
  expect(read.heldBalance).toBe(0n);
  expect(read.role).toBe("user");
  expect(read.createdAt).toBeInstanceOf(Date);
  expect(read.tokens[0].allowedModels).toEqual(["m1"]);
  expect(read.tokens[0].quota).toBeNull();

  const updated = await db.user.update({ where: { id: read.id }, data: { balance: { decrement: 3n } } });
  expect(updated.balance).toBe(BIG - 3n);
  await db.user.delete({ where: { id: read.id } }); // cascades to tokens
  expect(await db.token.count()).toBe(0);
}

describe("databaseProvider", () => {
  it("follows DATABASE_URL and defaults to SQLite", () => {
    delete process.env.DATABASE_URL;
    expect(databaseProvider()).toBe("sqlite");
    process.env.DATABASE_URL = "postgres://u@h/db";
    expect(databaseProvider()).toBe("postgresql");
    process.env.DATABASE_URL = "postgresql://u@h/db";
    expect(databaseProvider()).toBe("postgresql");
    process.env.DATABASE_URL = "file:./x.db";
    expect(databaseProvider()).toBe("sqlite");
  });
});

describe("getDb on SQLite", () => {
  const { url, dir } = tempSqliteUrl();
  beforeAll(async () => {
    await applyMigrations(url);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is a singleton, round-trips a user with a BigInt balance, and uses WAL", async () => {
    process.env.DATABASE_URL = url;
    const db = getDb();
    expect(getDb()).toBe(db);
    await roundTrip(db);
    const mode = new Database(url.slice("file:".length), { readonly: true });
    try {
      expect(mode.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      mode.close();
    }
    await disconnectDb();
    expect(getDb()).not.toBe(db);
  });

  it("waits for a write lock held by another process instead of failing (busy_timeout)", async () => {
    const file = url.slice("file:".length);
    // Another process takes the write lock and holds it for 700 ms.
    const child = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(${JSON.stringify(file)});
         db.exec("BEGIN IMMEDIATE");
         db.prepare("INSERT INTO settings (key, value, updatedAt) VALUES ('other', 'x', 0)").run();
         process.stdout.write("locked\\n");
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
         db.exec("COMMIT");`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));

    process.env.DATABASE_URL = url;
    const started = Date.now();
    await getDb().setting.create({ data: { key: "mine", value: "y" } });
    expect(Date.now() - started).toBeGreaterThan(300);
    expect(await exited).toBe(0);
    expect((await getDb().setting.findMany({ orderBy: { key: "asc" } })).map((r) => r.key)).toEqual(["mine", "other"]);
  });
});

describe("getDb on PostgreSQL", () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  beforeAll(async () => {
    pgdb = await createPgDatabase();
    await applyMigrations(pgdb.url);
  });
  afterAll(async () => {
    await disconnectDb();
    await pgdb?.drop();
  });

  it("round-trips a user with a BigInt balance", async () => {
    process.env.DATABASE_URL = pgdb.url;
    expect(databaseProvider()).toBe("postgresql");
    await roundTrip(getDb());
  });
});
