// The relay core with in-memory dependencies: no Next, no database; a real mock upstream on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "undici";
import { startMockUpstream, type MockUpstream } from "@/e2e/mock-upstream/server";
import { hashApiKey } from "@/lib/gateway/api-key";
import { handleRelay } from "@/lib/gateway/handle";
import type { AuthToken, GatewayDeps, Hold, RoutingSnapshot, UsageEntry } from "@/lib/gateway/types";

const KEY = `sk-${"a".repeat(48)}`;
let mock: MockUpstream;
const dispatcher = new Agent();

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock.close();
  await dispatcher.close();
});

function world(over: { token?: Partial<AuthToken>; available?: number } = {}) {
  const token: AuthToken = {
    id: 7, userId: 3, name: "t", status: "active", userStatus: "active", expiresAt: null,
    allowedModels: [], allowedIps: [], group: "default", quota: null, ...over.token,
  };
  const snapshot: RoutingSnapshot = {
    groupRatios: new Map([["default", 1]]),
    models: new Map([["m", { name: "m", modelRatio: 1, completionRatio: 2, cacheRatio: 1, fixedPrice: null, maxOutputTokens: 50 }]]),
    channels: [{ id: 1, name: "mock", baseUrl: mock.url, apiKey: "mock-key", models: ["m"], modelMapping: {}, groups: ["default"], priority: 0, weight: 1 }],
  };
  let available = over.available ?? 1_000_000;
  const calls: string[] = [];
  const usage: UsageEntry[] = [];
  const settled: { hold: Hold; cost: number }[] = [];
  const deps: GatewayDeps = {
    findToken: async (hash) => (calls.push("findToken"), hash === hashApiKey(KEY) ? token : null),
    routing: async () => (calls.push("routing"), snapshot),
    rateLimit: async () => (calls.push("rateLimit"), { ok: true }),
    reserve: async (hold) => {
      calls.push("reserve");
      if (hold.amount > available) return { ok: false, code: "insufficient_quota", which: "balance" };
      available -= hold.amount;
      return { ok: true };
    },
    settle: async (hold, cost) => {
      available += hold.amount - cost;
      settled.push({ hold, cost });
    },
    recordUsage: (e) => usage.push(e),
    touchToken: () => {},
    channelSucceeded: () => {},
    channelFailed: () => {},
    dispatcher,
    now: () => Date.now(),
    random: () => 0.5,
    config: { maxBodyBytes: 10_000, upstreamTimeoutMs: 5_000, maxAttempts: 3 },
  };
  return { deps, calls, usage, settled, available: () => available };
}

const post = (body: unknown, key: string | null = KEY) =>
  new Request("http://gateway/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const input = (req: Request) => ({ request: req, requestId: "req_test", clientIp: "127.0.0.1" });
const chat = { model: "m", messages: [{ role: "user", content: "hello there" }], max_tokens: 5 };

describe("handleRelay", () => {
  it("charges the upstream's usage and returns the rest of the reservation", async () => {
    const w = world();
    const res = await handleRelay(input(post(chat)), "chat", w.deps);
    expect(res.status).toBe(200);
    const body = await res.json();
    const cost = body.usage.prompt_tokens + 2 * body.usage.completion_tokens;
    expect(w.settled).toEqual([{ hold: expect.objectContaining({ requestId: "req_test" }), cost }]);
    expect(w.available()).toBe(1_000_000 - cost);
    expect(w.usage).toHaveLength(1);
    expect(w.usage[0]).toMatchObject({ cost, status: 200, estimated: false, channelId: 1 });
  });

  it("runs cheap checks first: a bad key never parses the body or touches routing", async () => {
    const w = world();
    const res = await handleRelay(input(post("{broken", `sk-${"b".repeat(48)}`)), "chat", w.deps);
    expect(res.status).toBe(401);
    expect(w.calls).toEqual(["findToken"]);
  });

  it("refuses a disallowed model before routing, reserving nothing", async () => {
    const w = world({ token: { allowedModels: ["other"] } });
    const res = await handleRelay(input(post(chat)), "chat", w.deps);
    expect(res.status).toBe(403);
    expect(w.calls).toEqual(["findToken"]);
    expect(w.usage).toHaveLength(0);
  });

  it("answers 429 without calling the upstream when the reservation does not fit", async () => {
    const w = world({ available: 3 });
    const before = mock.requests.length;
    const res = await handleRelay(input(post(chat)), "chat", w.deps);
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe("insufficient_quota");
    expect(mock.requests.length).toBe(before);
    expect(w.available()).toBe(3);
  });

  it("estimates usage with the tokenizer when the upstream reports none, and flags it", async () => {
    const w = world();
    mock.setFault({ type: "no_usage", times: 1 });
    const res = await handleRelay(input(post(chat)), "chat", w.deps);
    expect(res.status).toBe(200);
    expect(w.usage[0].estimated).toBe(true);
    expect(w.usage[0].completionTokens).toBeGreaterThan(0);
    expect(w.settled[0].cost).toBe(w.usage[0].promptTokens + 2 * w.usage[0].completionTokens);
  });
});
