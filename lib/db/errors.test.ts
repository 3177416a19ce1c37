import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/e2e/support/test-db";
import { ApiError } from "@/lib/errors";
import { disconnectDb, getDb } from "./client";
import { isConflict, mapWriteErrors } from "./errors";
import { deleteChannel, updateChannel } from "./channels";
import { createGroup, deleteGroup, updateGroup } from "./groups";
import { applyMigrations } from "./migrations";
import { createModel, deleteModel, updateModel } from "./models";
import { deleteToken, updateToken } from "./tokens";
import { createUser, getUser, updateUser } from "./users";

// Prisma's error codes become the app's errors here, on the database the suite runs on (TEST_DATABASE).
let database: TestDatabase;
const originalUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  database = await createTestDatabase();
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
});

afterAll(async () => {
  await disconnectDb();
  if (originalUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = originalUrl;
  await database.drop();
});

const failure = (p: Promise<unknown>) => p.then(() => expect.fail("expected a failure"), (err: unknown) => err);

describe("Prisma errors as the app's errors", () => {
  it("answers a taken email with 409 on the email field, on create and on update, and changes nothing", async () => {
    await createUser({ email: "taken@example.com", passwordHash: "x" });
    const other = await createUser({ email: "other@example.com", passwordHash: "x" });
    const created = await failure(createUser({ email: "TAKEN@example.com", passwordHash: "x" }));
    expect(created).toBeInstanceOf(ApiError);
    expect(created).toMatchObject({ code: "conflict", status: 409, param: "email", message: "A user with this email exists." });
    const updated = await failure(updateUser(other.id, { email: "taken@example.com", name: "Changed" }));
    expect(updated).toMatchObject({ code: "conflict", param: "email" });
    expect(await getUser(other.id)).toMatchObject({ email: "other@example.com", name: "" });
    expect(isConflict(created)).toBe(true);
  });

  it("answers a taken group or model name with 409 on the name field", async () => {
    await createGroup({ name: "vip", ratio: 2 });
    expect(await failure(createGroup({ name: "vip", ratio: 3 }))).toMatchObject({ code: "conflict", param: "name", message: "A group named 'vip' exists." });
    await createModel({ name: "m", modelRatio: 1 });
    expect(await failure(createModel({ name: "m", modelRatio: 2 }))).toMatchObject({ code: "conflict", param: "name" });
  });

  it("answers a change to a missing record with 404 naming what is missing", async () => {
    const missing = [
      [() => updateToken(999_999, { name: "x" }), "token"],
      [() => deleteToken(999_999), "token"],
      [() => updateUser(999_999, { name: "x" }), "user"],
      [() => updateGroup("nope", { ratio: 2 }), "group"],
      [() => deleteGroup("nope"), "group"],
      [() => updateModel("nope", { modelRatio: 2 }), "model"],
      [() => deleteModel("nope"), "model"],
      [() => updateChannel(999_999, { weight: 2 }), "channel"],
      [() => deleteChannel(999_999), "channel"],
    ] as const;
    for (const [write, what] of missing) {
      expect(await failure(write())).toMatchObject({ code: "not_found", status: 404, message: `No such ${what}.` });
    }
  });

  it("answers an empty change with the record as it was", async () => {
    const user = await createUser({ email: "same@example.com", passwordHash: "x", name: "Sam" });
    expect(await updateUser(user.id, {})).toMatchObject({ id: user.id, email: "same@example.com", name: "Sam" });
    expect(await updateGroup("vip", {})).toMatchObject({ name: "vip", ratio: 2 });
  });

  it("recognises an unmapped unique violation as a conflict and leaves other failures alone", async () => {
    await getDb().setting.create({ data: { key: "k", value: "1" } });
    expect(isConflict(await failure(getDb().setting.create({ data: { key: "k", value: "2" } })))).toBe(true);
    const orphanToken = () =>
      getDb().token.create({ data: { userId: 999_999, name: "t", keyHash: "h", keyPreview: "sk-…", allowedModels: [], allowedIps: [] } });
    const orphan = await failure(mapWriteErrors(orphanToken, { conflict: { message: "x" }, notFound: "x" }));
    expect(orphan).not.toBeInstanceOf(ApiError);
    expect(isConflict(orphan)).toBe(false);
  });
});
