// The request log explains every call, /metrics counts them, and the logs are JSON lines that
// carry the call's request id and never a key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { leakedSecrets, startApp, type RunningApp } from "../support/app";
import type { ApiClient } from "../support/api-client";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, openaiFor, rawV1 } from "../support/relay-fixture";

const METRICS_TOKEN = "metrics-token-0123456789abcdef";

let app: RunningApp;
let first: MockUpstream;
let second: MockUpstream;
let admin: ApiClient;
let owner: { tokenId: number; key: string };
let limited: { tokenId: number; key: string };
let primary: number;
let backup: number;
let failoverId: string;

const scrape = async (auth: string | null = `Bearer ${METRICS_TOKEN}`) => {
  const res = await fetch(`${app.url}/metrics`, { headers: auth ? { authorization: auth } : {} });
  return { status: res.status, text: await res.text() };
};

/** The value of one series in Prometheus text, or null when absent. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const body = line.slice(name.length);
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) return Number(line.split(" ").at(-1));
  }
  return null;
}

async function records(tokenId: number, count: number) {
  for (let i = 0; ; i++) {
    const res = await admin.get(`/api/usage?tokenId=${tokenId}`);
    if (res.body.data.length >= count || i > 100) return res.body.data;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  first = await startMockUpstream();
  second = await startMockUpstream();
  app = await startApp({ env: { METRICS_TOKEN } });
  admin = adminOf(app);
  await ensureModels(admin);
  primary = (await addChannel(admin, first.url, { priority: 10 })).id;
  backup = (await addChannel(admin, second.url, { priority: 0 })).id;
  owner = await newTokenOwner(app, admin);
  limited = await newTokenOwner(app, admin, { token: { allowedModels: ["mock-embed"] } });

  // A known sequence: one call that fails over, one refused by its token, one unknown key, one unknown model.
  first.setFault({ type: "status", status: 500, times: 1 });
  const { response } = await openaiFor(app, owner.key)
    .chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: "secret prompt words" }] })
    .withResponse();
  failoverId = response.headers.get("x-request-id")!;
  const refused = await rawV1(app, "/chat/completions", { key: limited.key, body: JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "hi" }] }) });
  expect(refused.status).toBe(403);
  const stranger = await rawV1(app, "/chat/completions", { key: `sk-${"x".repeat(48)}`, body: JSON.stringify({ model: CHAT_MODEL, messages: [] }) });
  expect(stranger.status).toBe(401);
  const unknown = await rawV1(app, "/chat/completions", { key: owner.key, body: JSON.stringify({ model: "no-such-model-7", messages: [{ role: "user", content: "x" }] }) });
  expect(unknown.status).toBe(404);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await first?.close();
  await second?.close();
});

describe("the request log", () => {
  it("shows both attempts of a call that failed over", async () => {
    const [, call] = await records(owner.tokenId, 2);
    expect(call.requestId).toBe(failoverId);
    expect(call.status).toBe(200);
    expect(call.channelId).toBe(backup);
    expect(call.attempts).toEqual([
      { channelId: primary, status: 500, error: "HTTP 500", ms: expect.any(Number) },
      { channelId: backup, status: 200, error: null, ms: expect.any(Number) },
    ]);
    expect(call.cost).toBeGreaterThan(0);
  });

  it("keeps a refused call with its reason at no cost", async () => {
    const [rec] = await records(limited.tokenId, 1);
    expect(rec).toMatchObject({ status: 403, errorCode: "model_not_allowed", cost: 0, model: CHAT_MODEL, attempts: [] });
    expect(rec.errorMessage).toContain(CHAT_MODEL);
    const [notFound] = await records(owner.tokenId, 2);
    expect(notFound).toMatchObject({ status: 404, errorCode: "model_not_found", cost: 0 });
  });
});

describe("GET /metrics", () => {
  it("is refused without its token, or with another", async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape("Bearer not-the-metrics-token-at-all")).status).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
  });

  it("counts the known sequence of calls with bounded labels", async () => {
    await records(owner.tokenId, 2);
    const { status, text } = await scrape();
    expect(status).toBe(200);
    expect(series(text, "gateway_requests_total", { endpoint: "chat", model: CHAT_MODEL, channel: String(backup), status: "200" })).toBe(1);
    expect(series(text, "gateway_requests_total", { model: CHAT_MODEL, channel: "none", status: "403" })).toBe(1);
    // an unknown model's name is not a label value
    expect(series(text, "gateway_requests_total", { model: "other", status: "404" })).toBe(1);
    expect(text).not.toContain("no-such-model-7");
    expect(series(text, "gateway_refusals_total", { code: "model_not_allowed" })).toBe(1);
    expect(series(text, "gateway_refusals_total", { code: "invalid_api_key" })).toBe(1);
    expect(series(text, "gateway_refusals_total", { code: "model_not_found" })).toBe(1);
    expect(series(text, "gateway_upstream_attempts_total", { channel: String(primary), outcome: "500" })).toBe(1);
    expect(series(text, "gateway_upstream_attempts_total", { channel: String(backup), outcome: "ok" })).toBe(1);
    expect(series(text, "gateway_request_duration_seconds_count", { endpoint: "chat", model: CHAT_MODEL })).toBe(2);
    expect(series(text, "gateway_tokens_total", { model: CHAT_MODEL, group: "default", kind: "prompt" })).toBeGreaterThan(0);
    expect(series(text, "gateway_credits_total", { model: CHAT_MODEL, group: "default" })).toBeGreaterThan(0);
    expect(series(text, "gateway_channel_up", { channel: String(primary) })).toBe(1);
    expect(series(text, "gateway_channel_consecutive_failures", { channel: String(primary) })).toBe(1);
    expect(series(text, "gateway_channel_disabled", { channel: String(backup) })).toBe(0);
    expect(series(text, "gateway_reservations_held")).toBe(0);
    expect(series(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    // no token or user as a label
    expect(text).not.toMatch(/token(Id)?="|user(Id)?="/);
    expect(leakedSecrets(text, [owner.key, limited.key, app.adminApiKey, METRICS_TOKEN])).toEqual([]);
  });
});

describe("logs", () => {
  it("are JSON lines; a call's lines carry its request id, and no prompt or key", async () => {
    const lines = app
      .logs()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.msg === "gateway listening" && l.level === 30)).toBe(true);
    const failed = lines.find((l) => l.msg === "channel failed");
    expect(failed).toMatchObject({ level: 40, requestId: failoverId, channelId: primary, status: 500 });
    expect(app.logs()).not.toContain("secret prompt words");
    expect(leakedSecrets(app.logs(), [owner.key, limited.key, METRICS_TOKEN])).toEqual([]);
  });
});
