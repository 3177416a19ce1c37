import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import type { ApiClient } from "../support/api-client";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, openaiFor, rawV1 } from "../support/relay-fixture";

let app: RunningApp;
let primary: MockUpstream;
let backup: MockUpstream;
let admin: ApiClient;

const chat = (model = CHAT_MODEL, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, messages: [{ role: "user", content: "hello" }], ...extra });

beforeAll(async () => {
  [primary, backup] = await Promise.all([startMockUpstream(), startMockUpstream()]);
  app = await startApp({ env: { UPSTREAM_TIMEOUT_MS: "2000", CHANNEL_FAILURE_THRESHOLD: "3" } });
  admin = adminOf(app);
  await ensureModels(admin);
  await addChannel(admin, primary.url);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([primary?.close(), backup?.close()]);
});

beforeEach(() => {
  primary.reset();
  backup.reset();
});

async function tokenState(tokenId: number) {
  return (await admin.get(`/api/tokens/${tokenId}`)).body;
}

describe("token checks, in the contract's order", () => {
  it("401 invalid_api_key without a key, with a malformed key and with an unknown key", async () => {
    for (const key of [undefined, "not-a-key", `sk-${"a".repeat(48)}`]) {
      const res = await rawV1(app, "/chat/completions", { key, body: chat() });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: "invalid_api_key", type: expect.any(String), param: null });
      expect(res.headers.get("x-request-id")).toBeTruthy();
    }
    expect(primary.requests).toHaveLength(0);
  });

  it("a disabled token is refused on the very next request, and works again when re-enabled", async () => {
    const t = await newTokenOwner(app, admin);
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat() })).status).toBe(200);
    await admin.patch(`/api/tokens/${t.tokenId}`, { status: "disabled" });
    const refused = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("token_disabled");
    await admin.patch(`/api/tokens/${t.tokenId}`, { status: "active" });
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat() })).status).toBe(200);
  });

  it("a deleted token is refused on the very next request", async () => {
    const t = await newTokenOwner(app, admin);
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat() })).status).toBe(200);
    expect((await admin.delete(`/api/tokens/${t.tokenId}`)).status).toBe(204);
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_api_key");
  });

  it("an expired token answers 401 token_expired", async () => {
    const t = await newTokenOwner(app, admin, { token: { expiresAt: new Date(Date.now() + 1500).toISOString() } });
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat() })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("token_expired");
  });

  it("a client outside the allowed IPs gets 403, even with a spoofed X-Forwarded-For", async () => {
    const t = await newTokenOwner(app, admin, { token: { allowedIps: ["10.9.8.0/24"] } });
    const attempts: Record<string, string>[] = [{}, { "x-forwarded-for": "10.9.8.7" }, { "x-real-ip": "10.9.8.7" }];
    for (const headers of attempts) {
      const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat(), headers });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("ip_not_allowed");
    }
    const local = await newTokenOwner(app, admin, { token: { allowedIps: ["127.0.0.0/8", "::1"] } });
    expect((await rawV1(app, "/chat/completions", { key: local.key, body: chat() })).status).toBe(200);
    expect(primary.requests).toHaveLength(1);
  });

  it("a model outside the token's list is refused before routing and consumes nothing", async () => {
    const t = await newTokenOwner(app, admin, { token: { allowedModels: ["some-other-model"], quota: 100_000 } });
    const before = await tokenState(t.tokenId);
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat() });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "model_not_allowed", param: "model" });
    expect(primary.requests).toHaveLength(0);
    const after = await tokenState(t.tokenId);
    expect(after.usedQuota).toBe(before.usedQuota);
    expect(after.remainingQuota).toBe(100_000);
  });

  it("a model no channel serves to the token's group answers 404", async () => {
    await admin.post("/api/admin/groups", { name: "vip", ratio: 2 });
    await admin.post("/api/admin/models", { name: "vip-only", modelRatio: 1 });
    await addChannel(admin, primary.url, { models: ["vip-only"], groups: ["vip"] });
    const t = await newTokenOwner(app, admin);
    const res = await rawV1(app, "/chat/completions", { key: t.key, body: chat("vip-only") });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("model_not_found");
    const vip = await newTokenOwner(app, admin, { token: { group: "vip" } });
    expect((await rawV1(app, "/chat/completions", { key: vip.key, body: chat("vip-only") })).status).toBe(200);
  });

  it("429 insufficient_quota when the token's quota or the balance cannot cover the reservation", async () => {
    const lowQuota = await newTokenOwner(app, admin, { token: { quota: 5 } });
    const q = await rawV1(app, "/chat/completions", { key: lowQuota.key, body: chat() });
    expect(q.status).toBe(429);
    expect(q.body.error.code).toBe("insufficient_quota");
    expect(q.body.error.message).toContain("quota");
    const broke = await newTokenOwner(app, admin, { balance: 0 });
    const b = await rawV1(app, "/chat/completions", { key: broke.key, body: chat() });
    expect(b.status).toBe(429);
    expect(b.body.error.message).toContain("balance");
    expect(primary.requests).toHaveLength(0);
  });
});

describe("channels: failover, timeouts, auto-disable", () => {
  async function modelWithChannels(name: string, channels: { url: string; priority: number }[]) {
    await admin.post("/api/admin/models", { name, modelRatio: 1 });
    const ids = [];
    for (const c of channels) ids.push((await addChannel(admin, c.url, { models: [name], priority: c.priority })).id);
    return ids;
  }

  it("fails over to the next channel on 500 and 429 before any byte reached the client", async () => {
    await modelWithChannels("fo-model", [
      { url: primary.url, priority: 10 },
      { url: backup.url, priority: 0 },
    ]);
    const t = await newTokenOwner(app, admin);
    for (const status of [500, 429]) {
      primary.reset();
      backup.reset();
      primary.setFault({ type: "status", status, times: 1 });
      const res = await openaiFor(app, t.key).chat.completions.create({ model: "fo-model", messages: [{ role: "user", content: "hi" }] });
      expect(res.choices[0].message.content).toContain("Hello from mock");
      expect(primary.requests).toHaveLength(1);
      expect(backup.requests).toHaveLength(1);
    }
  });

  it("never retries once streaming began: a reset mid-stream ends the stream with an error event", async () => {
    await modelWithChannels("stream-model", [
      { url: primary.url, priority: 10 },
      { url: backup.url, priority: 0 },
    ]);
    const t = await newTokenOwner(app, admin);
    primary.setFault({ type: "reset_mid_stream", afterChunks: 2, times: 1 });
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.key}`, "content-type": "application/json" },
      body: chat("stream-model", { stream: true }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("Hello");
    const last = text.trim().split("\n\n").at(-1)!;
    expect(JSON.parse(last.replace(/^data: /, ""))).toMatchObject({ error: { code: "upstream_error" } });
    expect(backup.requests).toHaveLength(0);
  });

  it("answers 502 when every channel fails and 504 when the upstream times out", async () => {
    await modelWithChannels("dead-model", [{ url: primary.url, priority: 0 }]);
    const t = await newTokenOwner(app, admin);
    primary.setFault({ type: "status", status: 503, times: 1 });
    const failed = await rawV1(app, "/chat/completions", { key: t.key, body: chat("dead-model") });
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe("upstream_error");
    primary.setFault({ type: "hang", times: 1 });
    const slow = await rawV1(app, "/chat/completions", { key: t.key, body: chat("dead-model") });
    expect(slow.status).toBe(504);
    expect(slow.body.error.code).toBe("upstream_timeout");
    expect(JSON.stringify([failed.body, slow.body])).not.toContain("mock-key");
  });

  it("disables a channel after N failures in a row; an admin re-enables it", async () => {
    const [id] = await modelWithChannels("flaky-model", [{ url: primary.url, priority: 0 }]);
    const t = await newTokenOwner(app, admin);
    primary.setFault({ type: "status", status: 500 });
    for (let i = 0; i < 3; i++) {
      expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat("flaky-model") })).status).toBe(502);
    }
    await expect.poll(async () => (await admin.get(`/api/admin/channels/${id}`)).body.status).toBe("auto_disabled");
    const channel = (await admin.get(`/api/admin/channels/${id}`)).body;
    expect(channel.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(channel)).not.toContain("mock-key");
    const off = await rawV1(app, "/chat/completions", { key: t.key, body: chat("flaky-model") });
    expect(off.status).toBe(404);
    primary.setFault(null);
    await admin.patch(`/api/admin/channels/${id}`, { status: "active" });
    expect((await rawV1(app, "/chat/completions", { key: t.key, body: chat("flaky-model") })).status).toBe(200);
  });
});

describe("trusted proxies", () => {
  it("reads X-Forwarded-For only from a trusted peer", async () => {
    const proxied = await startApp({ env: { TRUSTED_PROXIES: "127.0.0.1/32, ::1" } });
    try {
      const a = adminOf(proxied);
      await ensureModels(a);
      await addChannel(a, primary.url);
      const t = await newTokenOwner(proxied, a, { token: { allowedIps: ["203.0.113.7"] } });
      const via = await rawV1(proxied, "/chat/completions", { key: t.key, body: chat(), headers: { "x-forwarded-for": "203.0.113.7" } });
      expect(via.status).toBe(200);
      const other = await rawV1(proxied, "/chat/completions", { key: t.key, body: chat(), headers: { "x-forwarded-for": "203.0.113.8" } });
      expect(other.status).toBe(403);
    } finally {
      await proxied.stop();
    }
  }, 120_000);
});
