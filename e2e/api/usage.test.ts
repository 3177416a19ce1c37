import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiClient, newUser, ROOT_ADMIN_ENV, type ApiClient } from "../support/api-client";
import { startApp, type RunningApp } from "../support/app";
import { appDb, disconnectDb } from "../support/db";

let app: RunningApp;
let admin: ApiClient;
let alice: Awaited<ReturnType<typeof newUser>>;
let bob: Awaited<ReturnType<typeof newUser>>;
let t1: number;
let t2: number;
let tb: number;

const USAGE_FIELDS = [
  "attempts", "cacheWrite1hTokens", "cacheWriteTokens", "cachedTokens", "channelId", "clientIp", "completionTokens", "cost", "createdAt", "errorCode",
  "errorMessage", "estimated", "latencyMs", "model", "promptTokens", "reasoningTokens", "requestId", "status", "stream",
  "tokenId", "tokenName", "ttfbMs", "upstreamModel", "userAgent", "userId",
].sort();

type Rec = { at: string; user: () => number; token: () => number; name: string; model: string; p: number; c: number; cost: number };
// Inserted in this order (ids ascending = time ascending); includes both sides of a UTC midnight.
const RECORDS: Rec[] = [
  { at: "2026-03-01T10:00:00.000Z", user: () => alice.id, token: () => t1, name: "one", model: "gpt-4o", p: 100, c: 50, cost: 200 },
  { at: "2026-03-01T23:59:59.999Z", user: () => alice.id, token: () => t1, name: "one", model: "gpt-4o-mini", p: 10, c: 5, cost: 3 },
  { at: "2026-03-02T00:00:00.000Z", user: () => alice.id, token: () => t2, name: "two", model: "gpt-4o", p: 1000, c: 0, cost: 1250 },
  { at: "2026-03-02T05:00:00.000Z", user: () => bob.id, token: () => tb, name: "bob's", model: "gpt-4o", p: 999, c: 999, cost: 99_999 },
  { at: "2026-03-03T12:00:00.000Z", user: () => alice.id, token: () => t2, name: "two", model: "claude-sonnet-4-5", p: 7, c: 3, cost: 40 },
  { at: "2026-03-03T12:30:00.000Z", user: () => alice.id, token: () => t1, name: "uno", model: "gpt-4o", p: 1, c: 1, cost: 5 },
];

beforeAll(async () => {
  app = await startApp({ env: ROOT_ADMIN_ENV });
  admin = apiClient(app, { bearer: app.adminApiKey });
  alice = await newUser(app, admin);
  bob = await newUser(app, admin);
  t1 = (await alice.client.post("/api/tokens", { name: "uno" })).body.id;
  t2 = (await alice.client.post("/api/tokens", { name: "two" })).body.id;
  tb = (await bob.client.post("/api/tokens", { name: "bob's" })).body.id;
  const db = appDb(app);
  for (const [i, r] of RECORDS.entries()) {
    await db.usageRecord.create({
      data: {
        requestId: `req-${i}`, userId: r.user(), tokenId: r.token(), tokenName: r.name, endpoint: "/v1/chat/completions",
        model: r.model, group: "default", channelId: 3, promptTokens: r.p, completionTokens: r.c, cachedTokens: i,
        cost: BigInt(r.cost), status: 200, stream: i % 2 === 0, estimated: i === 4, latencyMs: 10 * i, createdAt: new Date(r.at),
      },
    });
  }
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await app?.stop();
});

const ids = (data: { requestId: string }[]) => data.map((r) => r.requestId);

describe("GET /api/usage", () => {
  test("a user sees only their own records, newest first, in the contract's shape", async () => {
    const res = await alice.client.get("/api/usage");
    expect(res.status).toBe(200);
    expect(ids(res.body.data)).toEqual(["req-5", "req-4", "req-2", "req-1", "req-0"]);
    expect(res.body.nextCursor).toBeNull();
    expect(Object.keys(res.body.data[0]).sort()).toEqual(USAGE_FIELDS);
    expect(res.body.data[1]).toEqual({
      requestId: "req-4", userId: alice.id, tokenId: t2, tokenName: "two", model: "claude-sonnet-4-5", channelId: 3,
      promptTokens: 7, completionTokens: 3, cachedTokens: 4, cost: 40, status: 200, stream: true, estimated: true,
      latencyMs: 40, ttfbMs: null, errorCode: null, errorMessage: null, attempts: [], clientIp: null, userAgent: null,
      upstreamModel: null, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0, createdAt: "2026-03-03T12:00:00.000Z",
    });
    expect(ids((await bob.client.get("/api/usage")).body.data)).toEqual(["req-3"]);
  });

  test("another user's records stay invisible, whatever the filter", async () => {
    expect((await bob.client.get(`/api/usage?tokenId=${t1}`)).body.data).toEqual([]);
    expect((await bob.client.get(`/api/usage/summary?groupBy=token&tokenId=${t1}`)).body.data).toEqual([]);
    const other = await bob.client.get(`/api/usage?userId=${alice.id}`);
    expect(other.status).toBe(403);
    expect((await bob.client.get("/api/usage?userId=all")).status).toBe(403);
    expect((await bob.client.get(`/api/usage?userId=${bob.id}`)).status).toBe(200);
  });

  test("cursor pagination walks every record exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await alice.client.get(`/api/usage?limit=2${q}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res.body.data));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(["req-5", "req-4", "req-2", "req-1", "req-0"]);
  });

  test("filters by token, model and time (from inclusive, to exclusive)", async () => {
    expect(ids((await alice.client.get(`/api/usage?tokenId=${t1}`)).body.data)).toEqual(["req-5", "req-1", "req-0"]);
    expect(ids((await alice.client.get("/api/usage?model=gpt-4o")).body.data)).toEqual(["req-5", "req-2", "req-0"]);
    const range = await alice.client.get("/api/usage?from=2026-03-01T23:59:59.999Z&to=2026-03-03T12:00:00Z");
    expect(ids(range.body.data)).toEqual(["req-2", "req-1"]);
    expect(ids((await alice.client.get("/api/usage?from=2026-03-02")).body.data)).toEqual(["req-5", "req-4", "req-2"]);
  });

  test("admins see their own records unless they name a user, or all", async () => {
    expect((await admin.get("/api/usage")).body.data).toEqual([]);
    expect(ids((await admin.get(`/api/usage?userId=${bob.id}`)).body.data)).toEqual(["req-3"]);
    expect(ids((await admin.get("/api/usage?userId=all")).body.data)).toEqual(["req-5", "req-4", "req-3", "req-2", "req-1", "req-0"]);
  });

  test("an admin naming a token finds its records without naming its owner (CONTRACT §5)", async () => {
    expect(ids((await admin.get(`/api/usage?tokenId=${t1}`)).body.data)).toEqual(["req-5", "req-1", "req-0"]);
    expect(ids((await admin.get(`/api/usage?tokenId=${tb}`)).body.data)).toEqual(["req-3"]);
    expect((await admin.get(`/api/usage/summary?groupBy=token&tokenId=${t2}`)).body.data).toEqual([
      { key: String(t2), tokenName: "two", requests: 2, promptTokens: 1007, completionTokens: 3, cost: 1290 },
    ]);
    // a user naming someone else's token still sees nothing
    expect((await alice.client.get(`/api/usage?tokenId=${tb}`)).body.data).toEqual([]);
  });

  test("GET /metrics is off when METRICS_TOKEN is not set", async () => {
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${app.adminApiKey}` } });
    expect(res.status).toBe(404);
  });

  test("bad parameters answer 400", async () => {
    for (const q of [
      "from=yesterday", "to=2026-13-01", "limit=0", "limit=501", "limit=abc", "tokenId=-1", "cursor=bogus", "colour=red",
    ]) {
      const res = await alice.client.get(`/api/usage?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
  });
});

describe("GET /api/usage/summary", () => {
  test("per UTC day", async () => {
    const res = await alice.client.get("/api/usage/summary?groupBy=day");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { key: "2026-03-01", requests: 2, promptTokens: 110, completionTokens: 55, cost: 203 },
      { key: "2026-03-02", requests: 1, promptTokens: 1000, completionTokens: 0, cost: 1250 },
      { key: "2026-03-03", requests: 2, promptTokens: 8, completionTokens: 4, cost: 45 },
    ]);
    const range = await alice.client.get("/api/usage/summary?groupBy=day&from=2026-03-02&to=2026-03-03");
    expect(range.body.data).toEqual([{ key: "2026-03-02", requests: 1, promptTokens: 1000, completionTokens: 0, cost: 1250 }]);
    const everyone = await admin.get("/api/usage/summary?groupBy=day&userId=all&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z");
    expect(everyone.body.data).toEqual([{ key: "2026-03-02", requests: 2, promptTokens: 1999, completionTokens: 999, cost: 101_249 }]);
  });

  test("per model and per token, dearest first", async () => {
    expect((await alice.client.get("/api/usage/summary?groupBy=model")).body.data).toEqual([
      { key: "gpt-4o", requests: 3, promptTokens: 1101, completionTokens: 51, cost: 1455 },
      { key: "claude-sonnet-4-5", requests: 1, promptTokens: 7, completionTokens: 3, cost: 40 },
      { key: "gpt-4o-mini", requests: 1, promptTokens: 10, completionTokens: 5, cost: 3 },
    ]);
    expect((await alice.client.get("/api/usage/summary?groupBy=token")).body.data).toEqual([
      { key: String(t2), tokenName: "two", requests: 2, promptTokens: 1007, completionTokens: 3, cost: 1290 },
      // renamed from "one": the latest name wins
      { key: String(t1), tokenName: "uno", requests: 3, promptTokens: 111, completionTokens: 56, cost: 208 },
    ]);
    expect((await alice.client.get(`/api/usage/summary?groupBy=day&tokenId=${t2}`)).body.data).toEqual([
      { key: "2026-03-02", requests: 1, promptTokens: 1000, completionTokens: 0, cost: 1250 },
      { key: "2026-03-03", requests: 1, promptTokens: 7, completionTokens: 3, cost: 40 },
    ]);
  });

  test("per day in a time zone, and filtered by model", async () => {
    expect((await alice.client.get("/api/usage/summary?groupBy=day&tz=America/Los_Angeles")).body.data).toEqual([
      { key: "2026-03-01", requests: 3, promptTokens: 1110, completionTokens: 55, cost: 1453 },
      { key: "2026-03-03", requests: 2, promptTokens: 8, completionTokens: 4, cost: 45 },
    ]);
    expect((await alice.client.get("/api/usage/summary?groupBy=token&model=gpt-4o")).body.data).toEqual([
      { key: String(t2), tokenName: "two", requests: 1, promptTokens: 1000, completionTokens: 0, cost: 1250 },
      { key: String(t1), tokenName: "uno", requests: 2, promptTokens: 101, completionTokens: 51, cost: 205 },
    ]);
  });

  test("admins break everyone's usage down per user and per channel", async () => {
    const users = await admin.get("/api/usage/summary?groupBy=user&userId=all");
    expect(users.body.data).toEqual([
      { key: String(bob.id), label: bob.email, requests: 1, promptTokens: 999, completionTokens: 999, cost: 99_999 },
      { key: String(alice.id), label: alice.email, requests: 5, promptTokens: 1118, completionTokens: 59, cost: 1498 },
    ]);
    const channels = await admin.get("/api/usage/summary?groupBy=channel&userId=all");
    expect(channels.body.data).toEqual([{ key: "3", label: "Channel 3 (deleted)", requests: 6, promptTokens: 2117, completionTokens: 1058, cost: 101_497 }]);
    expect((await alice.client.get("/api/usage/summary?groupBy=user&userId=all")).status).toBe(403);
  });

  test("bad parameters answer 400", async () => {
    for (const q of ["", "groupBy=week", "groupBy=day&from=03/01/2026", "groupBy=day&limit=5", "groupBy=day&tz=Mars/Base"]) {
      expect((await alice.client.get(`/api/usage/summary?${q}`)).status, q).toBe(400);
    }
  });
});
