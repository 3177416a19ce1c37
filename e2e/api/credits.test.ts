import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import type { ApiClient } from "../support/api-client";
import { worstCaseCost } from "../../lib/billing/pricing";
import { promptBound } from "../../lib/billing/bound";

/** The gateway's prompt bound for a body as sent. */
function boundOf(raw: string): number {
  const r = promptBound(Buffer.byteLength(raw), JSON.parse(raw));
  if (!r.ok) throw new Error(r.message);
  return r.value.tokens;
}
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, rawV1 } from "../support/relay-fixture";

let app: RunningApp;
let mock: MockUpstream;
let admin: ApiClient;

const chat = (extra: Record<string, unknown> = {}, model = CHAT_MODEL) =>
  JSON.stringify({ model, messages: [{ role: "user", content: "What does a credit cost?" }], ...extra });

beforeAll(async () => {
  mock = await startMockUpstream();
  app = await startApp();
  admin = adminOf(app);
  await ensureModels(admin); // CHAT_MODEL: modelRatio 1, completionRatio 2, cacheRatio 0.5
  await addChannel(admin, mock.url);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

const token = async (id: number) => (await admin.get(`/api/tokens/${id}`)).body;
const user = async (id: number) => (await admin.get(`/api/admin/users/${id}`)).body;

/** The usage record of a request, once the batch writer has written it. */
async function record(requestId: string) {
  let found: any;
  await expect
    .poll(async () => {
      const res = await admin.get(`/api/usage?userId=all&limit=500`);
      found = res.body.data.find((r: { requestId: string }) => r.requestId === requestId);
      return Boolean(found);
    })
    .toBe(true);
  return found;
}

describe("charges follow the contract's formula exactly", () => {
  it("charges prompt + completion × completionRatio to the token and the balance, and records it", async () => {
    const t = await newTokenOwner(app, admin, { balance: 1_000_000, token: { quota: 500_000 } });
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(res.status).toBe(200);
    const { prompt_tokens: p, completion_tokens: c } = res.body.usage;
    const expected = p + 2 * c;
    // Settlement is visible as soon as the response has ended.
    expect((await token(t.tokenId)).usedQuota).toBe(expected);
    expect((await token(t.tokenId)).remainingQuota).toBe(500_000 - expected);
    expect((await user(t.userId)).balance).toBe(1_000_000 - expected);
    const rec = await record(res.headers.get("x-request-id")!);
    expect(rec).toMatchObject({ cost: expected, promptTokens: p, completionTokens: c, status: 200, estimated: false });
  });

  it("prices cached prompt tokens at cacheRatio", async () => {
    const t = await newTokenOwner(app, admin);
    mock.setCachedTokens(6);
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(res.body.usage.prompt_tokens_details.cached_tokens).toBe(6);
    const { prompt_tokens: p, completion_tokens: c } = res.body.usage;
    expect((await token(t.tokenId)).usedQuota).toBe(p - 6 + 3 + 2 * c);
  });

  it("charges in exact proportion to the group ratio (0.5 vs 2)", async () => {
    await admin.post("/api/admin/groups", { name: "half", ratio: 0.5 });
    await admin.post("/api/admin/groups", { name: "double", ratio: 2 });
    await admin.patch(`/api/admin/channels/${(await addChannel(admin, mock.url, { groups: ["half", "double"] })).id}`, {});
    const half = await newTokenOwner(app, admin, { token: { group: "half" } });
    const double = await newTokenOwner(app, admin, { token: { group: "double" } });
    // max_tokens 2 makes the completion the same length (2 tokens) on both calls.
    const body = chat({ max_tokens: 2, messages: [{ role: "user", content: "four words go here" }] });
    const a = await rawV1(app, "/chat/completions", { key: half.key, body });
    const b = await rawV1(app, "/chat/completions", { key: double.key, body });
    const base = a.body.usage.prompt_tokens + 2 * a.body.usage.completion_tokens;
    expect(b.body.usage).toEqual(a.body.usage);
    expect((await token(half.tokenId)).usedQuota).toBe(Math.ceil(base * 0.5));
    expect((await token(double.tokenId)).usedQuota).toBe(base * 2);
  });

  it("an unlimited token counts usage without a quota, and the balance still pays", async () => {
    const t = await newTokenOwner(app, admin, { balance: 100_000 });
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    const cost = res.body.usage.prompt_tokens + 2 * res.body.usage.completion_tokens;
    const state = await token(t.tokenId);
    expect(state.quota).toBeNull();
    expect(state.remainingQuota).toBeNull();
    expect(state.usedQuota).toBe(cost);
    expect((await user(t.userId)).balance).toBe(100_000 - cost);
  });

  it("a fixed-price model charges its price per call times the group ratio", async () => {
    await admin.post("/api/admin/models", { name: "fixed-model", modelRatio: 0, fixedPrice: 0.01 });
    await addChannel(admin, mock.url, { models: ["fixed-model"] });
    const t = await newTokenOwner(app, admin);
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat({}, "fixed-model") })).status).toBe(200);
    expect((await token(t.tokenId)).usedQuota).toBe(5000);
  });
});

describe("reserve and settle", () => {
  it("raising a quota or topping up lets the next request through at once", async () => {
    const t = await newTokenOwner(app, admin, { balance: 0, token: { quota: 1 } });
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat() })).status).toBe(429);
    await admin.patch(`/api/tokens/${t.tokenId}`, { quota: 1_000_000 });
    const balance = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(balance.status).toBe(429);
    expect(balance.body.error.message).toContain("balance");
    await admin.post(`/api/admin/users/${t.userId}/topup`, { amount: 1_000_000 });
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat() })).status).toBe(200);
  });

  it("lowering a quota below what was used leaves nothing remaining, never a negative quota", async () => {
    const t = await newTokenOwner(app, admin, { token: { quota: 1_000_000 } });
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat() })).status).toBe(200);
    const used = (await token(t.tokenId)).usedQuota;
    expect(used).toBeGreaterThan(0);
    const lowered = await admin.patch(`/api/tokens/${t.tokenId}`, { quota: 0 });
    expect(lowered.body).toMatchObject({ quota: used, usedQuota: used, remainingQuota: 0 });
    const refused = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("insufficient_quota");
  });

  it("an upstream failure before any output costs nothing", async () => {
    const t = await newTokenOwner(app, admin, { balance: 1_000_000 });
    mock.setFault({ type: "status", status: 500, times: 1 });
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(res.status).toBe(502);
    expect((await token(t.tokenId)).usedQuota).toBe(0);
    expect((await user(t.userId)).balance).toBe(1_000_000);
    expect(await record(res.headers.get("x-request-id")!)).toMatchObject({ cost: 0, status: 502 });
  });

  it("a reset mid-stream is charged for the streamed part only, flagged estimated", async () => {
    const t = await newTokenOwner(app, admin);
    const full = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    const fullCost = full.body.usage.prompt_tokens + 2 * full.body.usage.completion_tokens;
    const before = (await token(t.tokenId)).usedQuota;
    mock.setFault({ type: "reset_mid_stream", afterChunks: 2, times: 1 });
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat({ stream: true }) });
    expect(res.status).toBe(200);
    const charged = (await token(t.tokenId)).usedQuota - before;
    expect(charged).toBeGreaterThan(full.body.usage.prompt_tokens);
    expect(charged).toBeLessThan(fullCost);
    const rec = await record(res.headers.get("x-request-id")!);
    expect(rec).toMatchObject({ estimated: true, cost: charged, stream: true });
  });

  it("a client that aborts mid-stream leaves one record and is charged no more than the reservation", async () => {
    const t = await newTokenOwner(app, admin, { token: { quota: 100_000 } });
    mock.setFault({ type: "slow_stream", chunkDelayMs: 150, times: 1 });
    const controller = new AbortController();
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.key}`, "content-type": "application/json" },
      body: chat({ stream: true, max_tokens: 50 }),
      signal: controller.signal,
    });
    const requestId = res.headers.get("x-request-id")!;
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    const rec = await record(requestId);
    // 499: the gateway saw the client leave and stopped the upstream, rather than the stream ending.
    expect(rec.status).toBe(499);
    expect(rec.cost).toBeGreaterThan(0);
    // Worst case: the prompt bound (bytes + overhead) plus 50 output tokens × 2.
    expect(rec.cost).toBeLessThanOrEqual(200 + 100);
    await expect.poll(async () => (await token(t.tokenId)).usedQuota).toBe(rec.cost);
    const all = (await admin.get(`/api/usage?userId=all&tokenId=${t.tokenId}`)).body.data;
    expect(all).toHaveLength(1);
  });

  it("one record and one charge per request, whatever retries happened across channels", async () => {
    await admin.post("/api/admin/models", { name: "retry-model", modelRatio: 1 });
    const other = await startMockUpstream();
    try {
      await addChannel(admin, mock.url, { models: ["retry-model"], priority: 5 });
      await addChannel(admin, other.url, { models: ["retry-model"], priority: 1 });
      const t = await newTokenOwner(app, admin);
      mock.setFault({ type: "status", status: 503, times: 1 });
      const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat({}, "retry-model") });
      expect(res.status).toBe(200);
      const cost = res.body.usage.prompt_tokens + res.body.usage.completion_tokens;
      await record(res.headers.get("x-request-id")!);
      const records = (await admin.get(`/api/usage?userId=all&tokenId=${t.tokenId}`)).body.data;
      expect(records).toHaveLength(1);
      expect((await token(t.tokenId)).usedQuota).toBe(cost);
    } finally {
      await other.close();
    }
  });
});

describe("quotas never go negative under concurrency", () => {
  async function burst(key: string, n: number) {
    return Promise.all(
      Array.from({ length: n }, () => rawV1(app, "/chat/completions", { key, body: chat({ max_tokens: 10 }) })),
    );
  }
  // What the gateway reserves per request: the prompt's byte bound plus 10 output tokens, priced.
  const reservation = worstCaseCost(
    boundOf(chat({ max_tokens: 10 })),
    10,
    { modelRatio: 1, completionRatio: 2, cacheRatio: 0.5 },
    1,
  );

  it("50 parallel requests against a token whose quota covers 10", async () => {
    const t = await newTokenOwner(app, admin, { token: { quota: reservation * 10 } });
    mock.setFault({ type: "delay", ms: 400 });
    const answers = await burst(t.key, 50);
    mock.setFault(null);
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(ok.length + limited.length).toBe(50);
    expect(ok.length).toBeGreaterThanOrEqual(10);
    expect(limited.every((a) => a.body.error.code === "insufficient_quota")).toBe(true);
    const charged = ok.reduce((s, a) => s + a.body.usage.prompt_tokens + 2 * a.body.usage.completion_tokens, 0);
    const state = await token(t.tokenId);
    expect(state.usedQuota).toBe(charged);
    expect(state.remainingQuota).toBeGreaterThanOrEqual(0);
    expect(mock.requests).toHaveLength(ok.length);
  });

  it("parallel n > 1 calls against a small balance: each reserved for every choice, charged its real cost or refused", async () => {
    const body = chat({ n: 4, max_tokens: 10 });
    const perCall = worstCaseCost(boundOf(body), 40, { modelRatio: 1, completionRatio: 2, cacheRatio: 0.5 }, 1);
    const t = await newTokenOwner(app, admin, { balance: perCall * 3 });
    mock.setFault({ type: "delay", ms: 300 });
    const answers = await Promise.all(Array.from({ length: 12 }, () => rawV1(app, "/chat/completions", { key: t.key, body })));
    mock.setFault(null);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(answers.filter((a) => a.status === 429).every((a) => a.body.error.code === "insufficient_quota")).toBe(true);
    for (const a of ok) expect(a.body.choices).toHaveLength(4);
    // Each admitted call was charged all four choices, never capped at a one-choice reservation.
    const charged = ok.reduce((s, a) => s + a.body.usage.prompt_tokens + 2 * a.body.usage.completion_tokens, 0);
    const u = await user(t.userId);
    expect(u.balance).toBe(perCall * 3 - charged);
    expect(u.balance).toBeGreaterThanOrEqual(0);
    const records = await Promise.all(ok.map((a) => record(a.headers.get("x-request-id")!)));
    for (const r of records) expect(r.writtenOff ?? 0).toBe(0);
  });

  it("50 parallel requests against a balance that covers 10", async () => {
    const t = await newTokenOwner(app, admin, { balance: reservation * 10 });
    mock.setFault({ type: "delay", ms: 400 });
    const answers = await burst(t.key, 50);
    mock.setFault(null);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(10);
    const charged = ok.reduce((s, a) => s + a.body.usage.prompt_tokens + 2 * a.body.usage.completion_tokens, 0);
    const u = await user(t.userId);
    expect(u.balance).toBe(reservation * 10 - charged);
    expect(u.balance).toBeGreaterThanOrEqual(0);
  });
});
