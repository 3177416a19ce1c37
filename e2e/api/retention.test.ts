// USAGE_RETENTION_DAYS: records past the limit are pruned, their totals kept, and every summary
// (per day in any time zone, per model, per token) answers the same as before the pruning.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { appDb, disconnectDb } from "../support/db";
import { createTestDatabase } from "../support/test-db";
import { adminOf, newTokenOwner } from "../support/relay-fixture";

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
// [days ago, hour (UTC), model, prompt, completion, cost, status]
const RECORDS: [number, number, string, number, number, number, number][] = [
  [60, 3, "gpt-4o", 100, 50, 200, 200],
  [60, 3, "gpt-4o", 10, 5, 20, 200],
  [60, 23, "gpt-4o-mini", 7, 3, 9, 200],
  [45, 12, "gpt-4o", 1, 0, 0, 429],
  [40, 7, "gpt-4o-mini", 1000, 10, 1500, 200],
  [5, 9, "gpt-4o", 20, 20, 60, 200],
  [1, 15, "gpt-4o-mini", 30, 3, 33, 200],
];

let app: RunningApp;
let tokenId: number;
let userId: number;
const queries = [
  "groupBy=day",
  "groupBy=day&tz=America/Los_Angeles",
  "groupBy=day&tz=Asia/Kolkata",
  "groupBy=model",
  "groupBy=token",
  "groupBy=model&status=error",
];
const before: Record<string, unknown> = {};

beforeAll(async () => {
  const db = await createTestDatabase();
  const first = await startApp({ db });
  const admin = adminOf(first);
  ({ tokenId, userId } = await newTokenOwner(first, admin));
  for (const [i, [ago, hour, model, p, c, cost, status]] of RECORDS.entries()) {
    await appDb(first).usageRecord.create({
      data: {
        requestId: `ret-${i}`, userId, tokenId, tokenName: i < 2 ? "old name" : "new name", endpoint: "chat", model, group: "default",
        channelId: 1, promptTokens: p, completionTokens: c, cost: BigInt(cost), status, stream: false, estimated: false,
        latencyMs: 100, createdAt: new Date(today - ago * DAY + hour * 3_600_000 + 17 * 60_000),
      },
    });
  }
  for (const q of queries) before[q] = (await admin.get(`/api/usage/summary?${q}&userId=${userId}`)).body.data;
  await disconnectDb();
  await first.stop({ keepDatabase: true });
  app = await startApp({ db, env: { USAGE_RETENTION_DAYS: "30" } });
  for (let i = 0; i < 200 && (await appDb(app).usageRecord.count()) > 2; i++) await new Promise((r) => setTimeout(r, 100));
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await app?.stop();
});

describe("usage retention", () => {
  it("prunes the records older than the limit and keeps their totals", async () => {
    const left = await appDb(app).usageRecord.findMany({ select: { requestId: true }, orderBy: { id: "asc" } });
    expect(left.map((r) => r.requestId)).toEqual(["ret-5", "ret-6"]);
    const totals = await appDb(app).usageTotal.findMany();
    expect(totals.reduce((s, t) => s + t.requests, 0)).toBe(5);
    expect(totals.reduce((s, t) => s + Number(t.cost), 0)).toBe(1729);
    const listed = await adminOf(app).get(`/api/usage?tokenId=${tokenId}`);
    expect(listed.body.data.map((r: { requestId: string }) => r.requestId)).toEqual(["ret-6", "ret-5"]);
  });

  it("answers every summary as before the pruning", async () => {
    const admin = adminOf(app);
    for (const q of queries) {
      expect((await admin.get(`/api/usage/summary?${q}&userId=${userId}`)).body.data, q).toEqual(before[q]);
    }
    const days = before["groupBy=day"] as { key: string }[];
    expect(days).toHaveLength(5);
    expect(before["groupBy=day&tz=America/Los_Angeles"]).toHaveLength(6);
    // the token's latest name survives in the totals
    expect((before["groupBy=token"] as { tokenName: string }[])[0].tokenName).toBe("new name");
  });

  it("answers a range that crosses the boundary from both sides", async () => {
    const from = new Date(today - 50 * DAY).toISOString();
    const to = new Date(today - 2 * DAY).toISOString();
    const res = await adminOf(app).get(`/api/usage/summary?groupBy=model&userId=${userId}&from=${from}&to=${to}`);
    expect(res.body.data).toEqual([
      { key: "gpt-4o-mini", requests: 1, promptTokens: 1000, completionTokens: 10, cost: 1500 },
      { key: "gpt-4o", requests: 2, promptTokens: 21, completionTokens: 20, cost: 60 },
    ]);
  });
});
