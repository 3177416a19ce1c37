// Limits (issue #10): per-token and per-group requests per minute, tokens per minute and requests in
// flight, enforced exactly on one instance and across instances sharing Redis, with the
// x-ratelimit-* headers clients back off by.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promptBound } from "../../lib/billing/bound";
import type { RunningApp } from "../support/app";
import { CHAT_MODEL, addChannel, adminOf, newTokenOwner, openaiFor, rawV1, startRelay, startRelayPair, type Relay } from "../support/relay-fixture";
import type { MockUpstream } from "../mock-upstream/server";

const messages = [{ role: "user" as const, content: "hi" }];
const body = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: CHAT_MODEL, messages, max_tokens: 20, ...extra });

/** The gateway's prompt bound for a body as sent. */
function boundOf(raw: string): number {
  const r = promptBound(Buffer.byteLength(raw), JSON.parse(raw));
  if (!r.ok) throw new Error(r.message);
  return r.value.tokens;
}

const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

describe("limits on one instance", () => {
  let relay: Relay;

  beforeAll(async () => {
    relay = await startRelay();
    const admin = relay.admin;
    expect((await admin.post("/api/admin/groups", { name: "limited", ratio: 1, rpmLimit: 20, tpmLimit: 10_000, concurrencyLimit: 2 })).status).toBe(201);
    await addChannel(admin, relay.mock.url, { groups: ["limited"] });
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
  });

  it("takes the limits on tokens, groups and users, and refuses a token's limit above its group's", async () => {
    const { admin, app } = relay;
    const group = (await admin.get("/api/admin/groups/limited")).body;
    expect(group).toMatchObject({ rpmLimit: 20, tpmLimit: 10_000, concurrencyLimit: 2 });

    const owner = await newTokenOwner(app, admin, { user: { group: "limited", spendLimit: 5_000, spendLimitPeriod: "weekly" } });
    const user = (await admin.get(`/api/admin/users/${owner.userId}`)).body;
    expect(user).toMatchObject({ spendLimit: 5_000, spendLimitPeriod: "weekly", periodSpent: 0 });
    expect(new Date(user.periodResetsAt).getUTCDay()).toBe(1); // the next Monday, 00:00 UTC

    const over = await admin.post("/api/tokens", { name: "too fast", userId: owner.userId, rpmLimit: 21 });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: "invalid_request", param: "rpmLimit" });

    const ok = await admin.post("/api/tokens", { name: "fits", userId: owner.userId, rpmLimit: 20, tpmLimit: 500, quotaPeriod: "daily", quota: 1000 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ rpmLimit: 20, tpmLimit: 500, concurrencyLimit: null, quotaPeriod: "daily", periodUsed: 0, remainingQuota: 1000 });
    expect(ok.body.periodResetsAt).toMatch(/T00:00:00\.000Z$/);

    const patched = await admin.patch(`/api/tokens/${ok.body.id}`, { concurrencyLimit: 3 });
    expect(patched.status).toBe(400);
    expect(patched.body.error.param).toBe("concurrencyLimit");
    expect((await admin.patch(`/api/tokens/${ok.body.id}`, { concurrencyLimit: 2, quotaPeriod: "none" })).body).toMatchObject({
      concurrencyLimit: 2,
      quotaPeriod: "none",
      periodResetsAt: null,
    });
    expect((await admin.patch(`/api/tokens/${ok.body.id}`, { rpmLimit: 0 })).status).toBe(400);
    expect((await admin.patch(`/api/admin/users/${owner.userId}`, { spendLimitPeriod: "yearly" })).status).toBe(400);
  });

  it("lets exactly 10 of 100 parallel calls through against RPM 10; the others cost nothing and reach no upstream", async () => {
    const { admin, app, mock } = relay;
    const t = await newTokenOwner(app, admin, { token: { rpmLimit: 10 } });
    const before = mock.requests.length;
    const answers = await Promise.all(Array.from({ length: 100 }, () => rawV1(app, "/chat/completions", { key: t.key, body: body() })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(90);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe("rate_limit_exceeded");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(r.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    }
    expect(mock.requests.length - before).toBe(10);
    const token = (await admin.get(`/api/tokens/${t.tokenId}`)).body;
    const charged = answers.filter((a) => a.status === 200).reduce((s, a) => s + a.body.usage.prompt_tokens + 2 * a.body.usage.completion_tokens, 0);
    expect(token.usedQuota).toBe(charged);
    const res = await admin.get(`/api/usage?userId=${t.userId}&tokenId=${t.tokenId}&limit=100`);
    expect(res.body).toMatchObject({ data: expect.any(Array) });
    const log = res.body.data;
    const limited = log.filter((r: { errorCode: string | null }) => r.errorCode === "rate_limit_exceeded");
    expect(limited).toHaveLength(90);
    expect(limited.every((r: { cost: number }) => r.cost === 0)).toBe(true);
  }, 60_000);

  it("answers the x-ratelimit headers on success and on 429 as the openai client reads them", async () => {
    const { admin, app } = relay;
    const t = await newTokenOwner(app, admin, { token: { rpmLimit: 2, tpmLimit: 50_000 } });
    const client = openaiFor(app, t.key);
    const { response } = await client.chat.completions.create({ model: CHAT_MODEL, messages, max_tokens: 20 }).withResponse();
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect(response.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+ms|[\d.]+s|1m0s)$/);
    expect(response.headers.get("x-ratelimit-limit-tokens")).toBe("50000");
    expect(Number(response.headers.get("x-ratelimit-remaining-tokens"))).toBe(50_000 - boundOf(body()) - 20);
    expect(response.headers.get("x-ratelimit-reset-tokens")).toMatch(/s$/);
    // Browser clients may read them too.
    expect(response.headers.get("access-control-expose-headers")).toContain("x-ratelimit-remaining-requests");

    await client.chat.completions.create({ model: CHAT_MODEL, messages, max_tokens: 20 });
    const err = await client.chat.completions.create({ model: CHAT_MODEL, messages, max_tokens: 20 }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.code).toBe("rate_limit_exceeded");
    expect(Number(err.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(err.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(err.headers.get("x-ratelimit-remaining-requests")).toBe("0");

    // The Anthropic endpoint refuses in Anthropic's shape, with the same headers.
    const anthropic = await rawV1(app, "/messages", { key: t.key, body: JSON.stringify({ model: CHAT_MODEL, max_tokens: 20, messages }) });
    expect(anthropic.status).toBe(429);
    expect(anthropic.body).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect(anthropic.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(anthropic.headers.get("retry-after")).not.toBeNull();
  });

  it("counts a call's prompt bound and max output on entry, and corrects them to real usage when it ends", async () => {
    const { admin, app } = relay;
    const entry = boundOf(body()) + 20;
    const t = await newTokenOwner(app, admin, { token: { tpmLimit: entry + 100 } });
    const first = await rawV1(app, "/chat/completions", { key: t.key, body: body() });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-remaining-tokens")).toBe("100");
    const used1 = first.body.usage.prompt_tokens + first.body.usage.completion_tokens;
    await admin.get(`/api/tokens/${t.tokenId}`); // waits for the settlement
    // Fits only because the first call now counts what it used, not what it might have.
    const second = await rawV1(app, "/chat/completions", { key: t.key, body: body() });
    expect(second.status).toBe(200);
    expect(second.headers.get("x-ratelimit-remaining-tokens")).toBe(String(100 - used1));
    await admin.get(`/api/tokens/${t.tokenId}`);
    // Both used little, but two entries at once do not fit in what is left: one of them waits.
    const racing = await Promise.all([1, 2].map(() => rawV1(app, "/chat/completions", { key: t.key, body: body() })));
    expect(statuses(racing)).toEqual([200, 429]);
    expect(racing.find((r) => r.status === 429)!.body.error.message).toMatch(/tokens per minute/);
    // A request that could never fit says so.
    const huge = await rawV1(app, "/chat/completions", { key: t.key, body: body({ max_tokens: entry + 200 }) });
    expect(huge.status).toBe(429);
    expect(huge.body.error.message).toMatch(/more than this API key's limit/);
  });

  it("frees a concurrency slot when the client aborts a stream and when the upstream fails", async () => {
    const { admin, app, mock } = relay;
    const t = await newTokenOwner(app, admin, { token: { concurrencyLimit: 1 } });
    const client = openaiFor(app, t.key);
    mock.setFault({ type: "slow_stream", chunkDelayMs: 300, times: 1 });
    const stream = await client.chat.completions.create({
      model: CHAT_MODEL,
      messages: [{ role: "user", content: "a long answer that streams slowly word by word" }],
      stream: true,
    });
    const it = stream[Symbol.asyncIterator]();
    await it.next();
    const busy = await rawV1(app, "/chat/completions", { key: t.key, body: body() });
    expect(busy.status).toBe(429);
    expect(busy.body.error.message).toMatch(/in flight/);
    stream.controller.abort();
    await expect.poll(async () => (await rawV1(app, "/chat/completions", { key: t.key, body: body() })).status, { timeout: 15_000 }).toBe(200);

    mock.setFault({ type: "status", status: 500, times: 1 });
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: body() })).status).toBe(502);
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: body() })).status).toBe(200);
  }, 60_000);

  it("applies the group's limits to every token in it", async () => {
    const { admin, app } = relay;
    await admin.patch("/api/admin/groups/limited", { rpmLimit: 3, concurrencyLimit: null });
    const t = await newTokenOwner(app, admin, { user: { group: "limited" } });
    const answers = await Promise.all(Array.from({ length: 6 }, () => rawV1(app, "/chat/completions", { key: t.key, body: body() })));
    expect(statuses(answers)).toEqual([200, 200, 200, 429, 429, 429]);
  });
});

describe("limits across two instances sharing Redis", () => {
  let mock: MockUpstream;
  let a: RunningApp;
  let b: RunningApp;
  let pair: Awaited<ReturnType<typeof startRelayPair>>;

  beforeAll(async () => {
    ({ mock, a, b } = pair = await startRelayPair({ CONCURRENCY_LEASE_SECONDS: "5" }));
  }, 120_000);
  afterAll(() => pair?.stop());

  it("let exactly 10 of 100 parallel calls through against RPM 10, split across both", async () => {
    const t = await newTokenOwner(a, adminOf(a), { token: { rpmLimit: 10 } });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => rawV1(i % 2 ? b : a, "/chat/completions", { key: t.key, body: body() })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(10);
    expect(answers.filter((r) => r.status === 429 && r.body.error.code === "rate_limit_exceeded")).toHaveLength(90);
  }, 60_000);

  it("free the slots of an instance killed with -9 once their lease expires", async () => {
    const t = await newTokenOwner(a, adminOf(a), { token: { concurrencyLimit: 1 } });
    mock.setFault({ type: "hang", times: 1 });
    const before = mock.requests.length;
    const pending = rawV1(a, "/chat/completions", { key: t.key, body: body() }).catch(() => null);
    await expect.poll(() => mock.requests.length, { timeout: 15_000 }).toBeGreaterThan(before);
    // The hanging call holds the token's only slot, for both instances.
    const busy = await rawV1(b, "/chat/completions", { key: t.key, body: body() });
    expect(busy.status).toBe(429);
    expect(busy.body.error.message).toMatch(/in flight/);
    a.process.kill("SIGKILL");
    await pending;
    // Nobody releases the slot: its lease (5 s here) runs out and the other instance admits again.
    await expect.poll(async () => (await rawV1(b, "/chat/completions", { key: t.key, body: body() })).status, { timeout: 30_000, interval: 500 }).toBe(200);
  }, 90_000);
});
