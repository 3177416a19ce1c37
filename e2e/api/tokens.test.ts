import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiClient, newUser, ROOT_ADMIN_ENV, type ApiClient } from "../support/api-client";
import { startApp, type RunningApp } from "../support/app";
import { appDb, disconnectDb } from "../support/db";

let app: RunningApp;
let admin: ApiClient;
let alice: Awaited<ReturnType<typeof newUser>>;
let bob: Awaited<ReturnType<typeof newUser>>;

const TOKEN_FIELDS = [
  "allowedIps", "allowedModels", "concurrencyLimit", "createdAt", "expiresAt", "group", "heldQuota", "id", "keyPreview",
  "lastUsedAt", "name", "periodResetsAt", "periodUsed", "quota", "quotaPeriod", "remainingQuota", "rpmLimit", "status",
  "tpmLimit", "usedQuota", "userId",
].sort();

beforeAll(async () => {
  app = await startApp({ env: ROOT_ADMIN_ENV });
  admin = apiClient(app, { bearer: app.adminApiKey });
  for (const g of [
    { name: "vip", ratio: 0.5, selectable: true },
    { name: "internal", ratio: 0.1 },
  ]) {
    expect((await admin.post("/api/admin/groups", g)).status).toBe(201);
  }
  alice = await newUser(app, admin);
  bob = await newUser(app, admin);
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await app?.stop();
});

const tokenCount = () => appDb(app).token.count();

describe("creating tokens", () => {
  test("the key is shown once, only its hash is stored, and the defaults follow the owner", async () => {
    const res = await alice.client.post("/api/tokens", { name: "laptop" });
    expect(res.status).toBe(201);
    const { key, ...token } = res.body;
    expect(key).toMatch(/^sk-[0-9A-Za-z]{48}$/);
    expect(Object.keys(token).sort()).toEqual(TOKEN_FIELDS);
    expect(token).toMatchObject({
      name: "laptop",
      keyPreview: `sk-${key.slice(3, 7)}…${key.slice(-4)}`,
      quota: null,
      usedQuota: 0,
      remainingQuota: null,
      expiresAt: null,
      allowedModels: [],
      allowedIps: [],
      group: "default",
      status: "active",
      lastUsedAt: null,
      userId: alice.id,
    });

    const again = await alice.client.get(`/api/tokens/${token.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(token);
    expect(JSON.stringify((await alice.client.get("/api/tokens")).body)).not.toContain(key);

    const row = await appDb(app).token.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.keyHash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(key.slice(3));
  });

  test("every setting is stored: quota, expiry, models deduped, IPs normalized", async () => {
    const res = await alice.client.post("/api/tokens", {
      name: "ci",
      quota: 1000,
      expiresAt: "2030-01-02T03:04:05+02:00",
      allowedModels: ["gpt-4o", "gpt-4o-mini", "gpt-4o"],
      allowedIps: ["10.1.2.3/8", "::ffff:192.0.2.7", "2001:DB8:0:0::1", "10.0.0.0/8", "192.0.2.0/24"],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      quota: 1000,
      remainingQuota: 1000,
      expiresAt: "2030-01-02T01:04:05.000Z",
      allowedModels: ["gpt-4o", "gpt-4o-mini"],
      allowedIps: ["10.0.0.0/8", "192.0.2.7", "2001:db8::1", "192.0.2.0/24"],
    });
    await appDb(app).token.update({ where: { id: res.body.id }, data: { usedQuota: 300n, heldQuota: 50n } });
    const read = await alice.client.get(`/api/tokens/${res.body.id}`);
    expect(read.body).toMatchObject({ quota: 1000, usedQuota: 300, heldQuota: 50, remainingQuota: 700 });
  });

  test("invalid input is refused with 400 and nothing is written", async () => {
    const before = await tokenCount();
    const bad: [unknown, string | null][] = [
      [{ name: "x", color: "red" }, "color"],
      [{ name: "x", allowedIps: ["10.0.0.300"] }, "allowedIps.0"],
      [{ name: "x", allowedIps: ["1.2.3.4/33"] }, "allowedIps.0"],
      [{ name: "x", group: "nope" }, "group"],
      [{ name: "x", group: "internal" }, "group"], // exists, but not selectable
      [{ name: "x", quota: -1 }, "quota"],
      [{ name: "x", quota: 1.5 }, "quota"],
      [{ name: "x", expiresAt: "tomorrow" }, "expiresAt"],
      [{ name: "x", allowedModels: [""] }, "allowedModels.0"],
      [{ name: "" }, "name"],
      [{}, "name"],
    ];
    for (const [body, param] of bad) {
      const res = await alice.client.post("/api/tokens", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_request", type: "invalid_request_error", param });
    }
    const notJson = await alice.client.post("/api/tokens", "{nope");
    expect(notJson.status).toBe(400);
    expect(await tokenCount()).toBe(before);
  });

  test("users may pick a selectable group; admins any existing group", async () => {
    const vip = await alice.client.post("/api/tokens", { name: "vip", group: "vip" });
    expect(vip.status).toBe(201);
    expect(vip.body.group).toBe("vip");
    const internal = await admin.post("/api/tokens", { name: "svc", group: "internal", userId: alice.id });
    expect(internal.status).toBe(201);
    expect(internal.body).toMatchObject({ group: "internal", userId: alice.id });
    expect((await admin.post("/api/tokens", { name: "svc", group: "ghost" })).status).toBe(400);
  });

  test("a token without a group follows its owner's group", async () => {
    const carol = await newUser(app, admin);
    const t = (await carol.client.post("/api/tokens", { name: "t" })).body;
    expect(t.group).toBe("default");
    expect((await admin.patch(`/api/admin/users/${carol.id}`, { group: "vip" })).status).toBe(200);
    expect((await carol.client.get(`/api/tokens/${t.id}`)).body.group).toBe("vip");
    // Choosing the own group again keeps following the owner.
    expect((await carol.client.patch(`/api/tokens/${t.id}`, { group: "vip" })).body.group).toBe("vip");
    expect((await admin.patch(`/api/admin/users/${carol.id}`, { group: "default" })).status).toBe(200);
    expect((await carol.client.get(`/api/tokens/${t.id}`)).body.group).toBe("default");
  });

  test("userId is for admins: a user may name only themselves", async () => {
    expect((await alice.client.post("/api/tokens", { name: "own", userId: alice.id })).status).toBe(201);
    const other = await alice.client.post("/api/tokens", { name: "theft", userId: bob.id });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("forbidden");
    expect((await alice.client.get(`/api/tokens?userId=${bob.id}`)).status).toBe(403);
    expect((await alice.client.get(`/api/tokens?userId=all`)).status).toBe(403);

    const forBob = await admin.post("/api/tokens", { name: "given", userId: bob.id, quota: 5 });
    expect(forBob.status).toBe(201);
    expect(forBob.body).toMatchObject({ userId: bob.id, group: "default", quota: 5 });
    expect((await admin.post("/api/tokens", { name: "x", userId: 999_999 })).status).toBe(400);
  });
});

describe("listing, changing and deleting", () => {
  test("each user lists only their own tokens; admins filter by user", async () => {
    const mine = (await bob.client.post("/api/tokens", { name: "bob-1" })).body;
    const list = await bob.client.get("/api/tokens");
    expect(list.status).toBe(200);
    expect(list.body.data.every((t: { userId: number }) => t.userId === bob.id)).toBe(true);
    expect(list.body.data.map((t: { id: number }) => t.id)).toContain(mine.id);

    const byAdmin = await admin.get(`/api/tokens?userId=${bob.id}`);
    expect(byAdmin.body.data.map((t: { id: number }) => t.id).sort()).toEqual(
      list.body.data.map((t: { id: number }) => t.id).sort(),
    );
    const all = await admin.get("/api/tokens?userId=all");
    const owners = new Set(all.body.data.map((t: { userId: number }) => t.userId));
    expect(owners.has(alice.id) && owners.has(bob.id)).toBe(true);
    expect((await admin.get("/api/tokens?userId=abc")).status).toBe(400);
  });

  test("PATCH changes settings and status; invalid changes are refused unchanged", async () => {
    const t = (await alice.client.post("/api/tokens", { name: "p", quota: 10 })).body;
    const res = await alice.client.patch(`/api/tokens/${t.id}`, {
      name: "renamed",
      status: "disabled",
      quota: null,
      allowedIps: ["::1"],
      expiresAt: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "renamed", status: "disabled", quota: null, remainingQuota: null, allowedIps: ["::1"] });
    for (const body of [{ status: "paused" }, { allowedIps: ["nope"] }, { quota: -5 }, { group: "internal" }, { key: "sk-x" }]) {
      expect((await alice.client.patch(`/api/tokens/${t.id}`, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await alice.client.get(`/api/tokens/${t.id}`)).body).toEqual(res.body);
  });

  test("another user's token answers 404 to GET, PATCH and DELETE, and stays as it was", async () => {
    const { key: _key, ...t } = (await alice.client.post("/api/tokens", { name: "private" })).body;
    for (const res of [
      await bob.client.get(`/api/tokens/${t.id}`),
      await bob.client.patch(`/api/tokens/${t.id}`, { status: "disabled" }),
      await bob.client.delete(`/api/tokens/${t.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await alice.client.get(`/api/tokens/${t.id}`)).body).toEqual(t);
    expect((await bob.client.get("/api/tokens/999999")).status).toBe(404);
    expect((await bob.client.get("/api/tokens/abc")).status).toBe(404);
  });

  test("DELETE removes the token for good; its usage records keep its name", async () => {
    const t = (await alice.client.post("/api/tokens", { name: "doomed" })).body;
    await appDb(app).usageRecord.create({
      data: {
        requestId: `req-doomed-${t.id}`, userId: alice.id, tokenId: t.id, tokenName: "doomed",
        endpoint: "/v1/chat/completions", model: "gpt-4o", group: "default", status: 200, cost: 7n,
      },
    });
    const del = await alice.client.delete(`/api/tokens/${t.id}`);
    expect(del.status).toBe(204);
    expect((await alice.client.get(`/api/tokens/${t.id}`)).status).toBe(404);
    expect((await alice.client.delete(`/api/tokens/${t.id}`)).status).toBe(404);
    expect(await appDb(app).token.count({ where: { id: t.id } })).toBe(0);
    const usage = await alice.client.get(`/api/usage?tokenId=${t.id}`);
    expect(usage.body.data).toMatchObject([{ tokenId: t.id, tokenName: "doomed", cost: 7 }]);
  });

  test("admins may read, change and delete anyone's token", async () => {
    const t = (await bob.client.post("/api/tokens", { name: "b" })).body;
    expect((await admin.get(`/api/tokens/${t.id}`)).body.id).toBe(t.id);
    expect((await admin.patch(`/api/tokens/${t.id}`, { group: "internal" })).body.group).toBe("internal");
    expect((await admin.delete(`/api/tokens/${t.id}`)).status).toBe(204);
  });

  test("without a session or key the API answers 401", async () => {
    const anon = await fetch(`${app.url}/api/tokens`);
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe("unauthorized");
    const wrongKey = apiClient(app, { bearer: "not-the-admin-key" });
    expect((await wrongKey.get("/api/tokens")).status).toBe(401);
  });
});

test("ADMIN_API_KEY with no admin account must name the user", async () => {
  const bare = await startApp();
  try {
    const key = apiClient(bare, { bearer: bare.adminApiKey });
    const res = await key.post("/api/tokens", { name: "x" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/userId required/);
    const user = await key.post("/api/admin/users", { email: "solo@example.com", password: "long enough pw" });
    const made = await key.post("/api/tokens", { name: "x", userId: user.body.id });
    expect(made.status).toBe(201);
    expect(made.body.userId).toBe(user.body.id);
  } finally {
    await bare.stop();
  }
}, 120_000);
