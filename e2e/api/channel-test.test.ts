import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { apiClient, newUser, type ApiClient } from "../support/api-client";
import { freePort, startApp, type RunningApp } from "../support/app";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startAnthropicMock, type AnthropicMock } from "../mock-upstream/anthropic";
import { startGeminiMock, type GeminiMock } from "../mock-upstream/gemini";

const KEY = "sk-test-CHANNELSECRET-0123456789abcdef";

let app: RunningApp;
let admin: ApiClient;
let mock: MockUpstream;
let anthropic: AnthropicMock;
let gemini: GeminiMock;

beforeAll(async () => {
  [app, mock, anthropic, gemini] = await Promise.all([
    startApp(),
    startMockUpstream({ apiKey: KEY }),
    startAnthropicMock({ apiKey: KEY }),
    startGeminiMock({ apiKey: KEY }),
  ]);
  admin = apiClient(app, { bearer: app.adminApiKey });
}, 120_000);

afterAll(async () => {
  await Promise.all([mock?.close(), anthropic?.close(), gemini?.close()]);
  await app?.stop();
});

beforeEach(() => {
  mock.reset();
  anthropic.reset();
  gemini.reset();
});

async function channel(extra: Record<string, unknown> = {}): Promise<number> {
  const res = await admin.post("/api/admin/channels", {
    name: `c${Date.now()}`,
    baseUrl: mock.url,
    apiKey: KEY,
    models: ["gpt-4o-mini"],
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const test_ = (id: number) => admin.post(`/api/admin/channels/${id}/test`);

test("a working channel answers ok with its latency; one real 1-token chat completion to the mapped model", async () => {
  const id = await channel({ models: ["my-alias", "gpt-4o"], modelMapping: { "my-alias": "gpt-4o-mini" } });
  const res = await test_(id);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ ok: true, status: 200, request: { method: "POST", model: "gpt-4o-mini" } });
  expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);
  expect(res.body.error).toBeUndefined();
  expect(mock.requests).toHaveLength(1);
  expect(mock.requests[0]).toMatchObject({
    method: "POST",
    path: "/v1/chat/completions",
    body: { model: "gpt-4o-mini", max_tokens: 1, stream: false },
  });
  expect(mock.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
});

test("a reasoning model (o-series, gpt-5) is tested with max_completion_tokens, which it takes instead of max_tokens", async () => {
  const id = await channel({ models: ["gpt-5-mini"] });
  const res = await test_(id);
  expect(res.body, JSON.stringify(res.body)).toMatchObject({ ok: true, status: 200, request: { model: "gpt-5-mini" } });
  expect(mock.requests[0].body).toMatchObject({ model: "gpt-5-mini", max_completion_tokens: 1 });
  expect(mock.requests[0].body).not.toHaveProperty("max_tokens");
});

test("latency is measured: a slow upstream shows it", async () => {
  const id = await channel();
  mock.setFault({ type: "delay", ms: 400, times: 1 });
  const res = await test_(id);
  expect(res.body.ok).toBe(true);
  expect(res.body.latencyMs).toBeGreaterThanOrEqual(380);
});

test("an embeddings-only channel is tested with GET /models", async () => {
  const id = await channel({ models: ["text-embedding-3-small"] });
  const res = await test_(id);
  expect(res.body).toMatchObject({ ok: true, status: 200, request: { method: "GET", path: "/models" } });
  expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/models"]);
});

test("an upstream error is reported with its status and message, and the channel key is never echoed", async () => {
  const id = await channel();
  mock.setFault({ type: "status", status: 500, message: `boom for key ${KEY} (Bearer ${KEY})`, times: 1 });
  const res = await test_(id);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ ok: false, status: 500 });
  expect(res.body.error).toContain("HTTP 500");
  expect(res.body.error).toContain("boom for key");
  expect(JSON.stringify(res.body)).not.toContain("CHANNELSECRET");
});

test("a wrong key shows the upstream's 401", async () => {
  const id = await channel({ apiKey: "sk-wrong-key-000000000000" });
  const res = await test_(id);
  expect(res.body).toMatchObject({ ok: false, status: 401 });
  expect(res.body.error).toContain("Incorrect API key");
  expect(JSON.stringify(res.body)).not.toContain("sk-wrong-key-000000000000");
});

test("an upstream that is not listening fails fast with status null", async () => {
  const port = await freePort();
  const id = await channel({ baseUrl: `http://127.0.0.1:${port}/v1` });
  const res = await test_(id);
  expect(res.body).toMatchObject({ ok: false, status: null });
  expect(res.body.error).toMatch(/ECONNREFUSED/);
});

test("an upstream that never answers is cut off by the short timeout", async () => {
  const id = await channel();
  mock.setFault({ type: "hang", times: 1 });
  const started = Date.now();
  const res = await test_(id);
  expect(res.body).toMatchObject({ ok: false, status: null });
  expect(res.body.error).toMatch(/No answer within 10 s/);
  expect(Date.now() - started).toBeLessThan(15_000);
}, 20_000);

test("testing does not change the channel's state", async () => {
  const id = await channel();
  mock.setFault({ type: "status", status: 503, times: 1 });
  await test_(id);
  const after = await admin.get(`/api/admin/channels/${id}`);
  expect(after.body).toMatchObject({ status: "active", consecutiveFailures: 0, totalFailures: 0, lastError: null });
});

test("only admins: unknown id 404, a user 403, nobody 401", async () => {
  expect((await admin.post("/api/admin/channels/999999/test")).status).toBe(404);
  expect((await admin.post("/api/admin/channels/abc/test")).status).toBe(404);
  const id = await channel();
  const user = await newUser(app, admin);
  const forbidden = await user.client.post(`/api/admin/channels/${id}/test`);
  expect(forbidden.status).toBe(403);
  expect(forbidden.body.error.code).toBe("forbidden");
  const anonymous = await fetch(`${app.url}/api/admin/channels/${id}/test`, { method: "POST" });
  expect(anonymous.status).toBe(401);
  expect(mock.requests).toHaveLength(0);
});

// Each channel type is tested in its own wire format: its URL, its key header, its smallest request.
const TYPES = [
  {
    type: "azure",
    fields: () => ({ baseUrl: mock.origin, apiVersion: "2024-10-21", models: ["gpt-4o"], modelMapping: { "gpt-4o": "my-dep" } }),
    requests: () => mock.requests,
    path: "/openai/deployments/my-dep/chat/completions?api-version=2024-10-21",
    key: (h: Record<string, string>) => h["api-key"],
    body: { max_completion_tokens: 1 },
  },
  {
    type: "azure",
    fields: () => ({ baseUrl: `${mock.origin}/openai/v1`, models: ["gpt-4o"] }),
    requests: () => mock.requests,
    path: "/openai/v1/chat/completions",
    key: (h: Record<string, string>) => h["api-key"],
    body: { model: "gpt-4o", max_completion_tokens: 1 },
  },
  {
    type: "anthropic",
    fields: () => ({ baseUrl: anthropic.url, models: ["claude-sonnet-4-5"], headers: { "anthropic-beta": "context-1m-2025-08-07" } }),
    requests: () => anthropic.requests,
    path: "/v1/messages",
    key: (h: Record<string, string>) => h["x-api-key"],
    body: { model: "claude-sonnet-4-5", max_tokens: 1 },
  },
  {
    type: "gemini",
    fields: () => ({ baseUrl: gemini.url, models: ["gemini-2.5-flash"] }),
    requests: () => gemini.requests,
    path: "/v1beta/models/gemini-2.5-flash:generateContent",
    key: (h: Record<string, string>) => h["x-goog-api-key"],
    body: { generationConfig: { maxOutputTokens: 1 } },
  },
];

test.each(TYPES)("a working $type channel is tested with a one-token request in its own format ($path)", async (t) => {
  const id = await channel({ type: t.type, ...t.fields() });
  const res = await test_(id);
  expect(res.body, JSON.stringify(res.body)).toMatchObject({ ok: true, status: 200, request: { method: "POST" } });
  const sent = t.requests();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ method: "POST", path: t.path, body: t.body });
  expect(t.key(sent[0].headers)).toBe(KEY);
  expect(sent[0].headers.authorization).toBeUndefined();
  if (t.type === "anthropic") {
    expect(sent[0].headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent[0].headers["anthropic-beta"]).toBe("context-1m-2025-08-07");
  }
});

test.each(TYPES)("a $type channel with a wrong key reports the provider's refusal without the key", async (t) => {
  const id = await channel({ type: t.type, ...t.fields(), apiKey: "sk-wrong-key-111111111111" });
  const res = await test_(id);
  expect(res.body.ok).toBe(false);
  expect([400, 401, 403]).toContain(res.body.status);
  expect(res.body.error).toMatch(/HTTP 40\d: \S/);
  expect(JSON.stringify(res.body)).not.toContain("sk-wrong-key-111111111111");
});

test("an Anthropic or Gemini embeddings-only channel is tested with its model list", async () => {
  const id = await channel({ type: "gemini", baseUrl: gemini.url, models: ["text-embedding-004"] });
  const res = await test_(id);
  expect(res.body).toMatchObject({ ok: true, request: { method: "GET", path: "/models" } });
  expect(gemini.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1beta/models"]);
  expect(gemini.requests[0].headers["x-goog-api-key"]).toBe(KEY);
});
