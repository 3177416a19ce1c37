// Budgets that reset (issue #10): a token's quota per day or month and a user's spend limit, reset
// lazily at the period's start (a fake wall clock moves the running gateway across the boundary),
// exact under concurrency, never negative; a call reserved before the boundary settles against
// the period it started in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { worstCaseCost } from "../../lib/billing/pricing";
import { promptBound } from "../../lib/billing/bound";
import { appDb, disconnectDb } from "../support/db";
import { fakeClock } from "../support/fake-clock";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, rawV1 } from "../support/relay-fixture";
import type { ApiClient } from "../support/api-client";

const raw = JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "budget" }], max_tokens: 20 });
/** What one call reserves (prompt bound + max output at the test model's prices). */
function reservation(): number {
  const r = promptBound(Buffer.byteLength(raw), JSON.parse(raw));
  if (!r.ok) throw new Error(r.message);
  return worstCaseCost(r.value.tokens, 20, { modelRatio: 1, completionRatio: 2, cacheRatio: 0.5 }, 1);
}
const call = (app: RunningApp, key: string) => rawV1(app, "/chat/completions", { key, body: raw });
const costOf = (a: { body: { usage: { prompt_tokens: number; completion_tokens: number } } }) => a.body.usage.prompt_tokens + 2 * a.body.usage.completion_tokens;

let mock: MockUpstream;
let app: RunningApp;
let admin: ApiClient;
const clock = fakeClock();

beforeAll(async () => {
  mock = await startMockUpstream();
  app = await startApp({ env: clock.env, nodeArgs: clock.nodeArgs });
  admin = adminOf(app);
  await ensureModels(admin);
  await addChannel(admin, mock.url);
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await app?.stop();
  await mock?.close();
  clock.remove();
});

describe("a daily quota", () => {
  it("resets at midnight; a call reserved before it settles in its own day; racing calls at the boundary never overdraw", async () => {
    const R = reservation();
    await clock.set("2030-01-15T23:59:40Z");
    const t = await newTokenOwner(app, admin, { token: { quota: 2 * R, quotaPeriod: "daily" } });

    const a = await call(app, t.key);
    expect(a.status).toBe(200);
    const c = costOf(a);
    // A slow call reserved before midnight: with it in flight, the day has no room for another.
    mock.setFault({ type: "delay", ms: 6_000, times: 1 });
    const before = mock.requests.length;
    const slow = call(app, t.key);
    await expect.poll(() => mock.requests.length, { timeout: 10_000 }).toBeGreaterThan(before);
    const refused = await call(app, t.key);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("insufficient_quota");

    // After midnight the day counts from zero; what the slow call holds still stands aside,
    // so of 10 calls racing right after the boundary exactly one fits.
    await clock.set("2030-01-16T00:00:02Z");
    const racing = await Promise.all(Array.from({ length: 10 }, () => call(app, t.key)));
    expect(racing.filter((r) => r.status === 200)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 429 && r.body.error.code === "insufficient_quota")).toHaveLength(9);
    expect((await slow).status).toBe(200);

    const token = (await admin.get(`/api/tokens/${t.tokenId}`)).body;
    // The slow call settled against the 15th: the 16th has only the racing call's cost.
    expect(token).toMatchObject({ quotaPeriod: "daily", periodUsed: c, usedQuota: 3 * c, remainingQuota: 2 * R - c, heldQuota: 0 });
    expect(token.periodResetsAt).toBe("2030-01-17T00:00:00.000Z");
    const row = await appDb(app).token.findUniqueOrThrow({ where: { id: t.tokenId }, select: { periodUsed: true, heldQuota: true } });
    expect(Number(row.periodUsed)).toBe(c);
    expect(Number(row.heldQuota)).toBe(0);
  }, 90_000);
});

describe("a monthly quota and a user's monthly spend limit", () => {
  it("refuse past their cap until the first of the next month", async () => {
    const R = reservation();
    await clock.set("2030-01-31T23:59:50Z");
    const capped = await newTokenOwner(app, admin, { token: { quota: R, quotaPeriod: "monthly" } });
    const spender = await newTokenOwner(app, admin, { user: { spendLimit: R, spendLimitPeriod: "monthly" } });

    for (const t of [capped, spender]) {
      expect((await call(app, t.key)).status).toBe(200);
      const again = await call(app, t.key);
      expect(again.status).toBe(429);
      expect(again.body.error.code).toBe("insufficient_quota");
    }
    expect((await call(app, spender.key)).body.error.message).toMatch(/spend limit/);
    const user = (await admin.get(`/api/admin/users/${spender.userId}`)).body;
    expect(user.periodSpent).toBeGreaterThan(0);
    expect(user.periodResetsAt).toBe("2030-02-01T00:00:00.000Z");

    await clock.set("2030-02-01T00:00:03Z");
    for (const t of [capped, spender]) expect((await call(app, t.key)).status).toBe(200);
    const token = (await admin.get(`/api/tokens/${capped.tokenId}`)).body;
    expect(token.periodResetsAt).toBe("2030-03-01T00:00:00.000Z");
    expect(token.remainingQuota).toBe(R - token.periodUsed);
    expect(token.usedQuota).toBe(2 * token.periodUsed);
    const after = (await admin.get(`/api/admin/users/${spender.userId}`)).body;
    expect(after.periodSpent).toBe(user.periodSpent);
    expect(after.periodResetsAt).toBe("2030-03-01T00:00:00.000Z");
    // Another period counts from zero; the week of 2030-02-01 (a Friday) ends on Monday the 4th.
    const weekly = (await admin.patch(`/api/admin/users/${spender.userId}`, { spendLimitPeriod: "weekly" })).body;
    expect(weekly).toMatchObject({ spendLimitPeriod: "weekly", periodSpent: 0, periodResetsAt: "2030-02-04T00:00:00.000Z" });
  }, 60_000);
});
