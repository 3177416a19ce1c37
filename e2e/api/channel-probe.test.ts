import { afterAll, beforeAll, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startAnthropicMock, type AnthropicMock } from "../mock-upstream/anthropic";
import { startGeminiMock, type GeminiMock } from "../mock-upstream/gemini";
import { startApp, type RunningApp } from "../support/app";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, rawV1 } from "../support/relay-fixture";

let app: RunningApp;
let mock: MockUpstream;
let anthropic: AnthropicMock;
let gemini: GeminiMock;

beforeAll(async () => {
  [mock, anthropic, gemini] = await Promise.all([startMockUpstream(), startAnthropicMock(), startGeminiMock()]);
  app = await startApp({ env: { CHANNEL_FAILURE_THRESHOLD: "2", CHANNEL_PROBE_INTERVAL_MS: "1000" } });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([mock?.close(), anthropic?.close(), gemini?.close()]);
});

it("an auto-disabled channel stays out while its upstream fails, and the probe brings it back when it recovers", async () => {
  const admin = adminOf(app);
  await ensureModels(admin);
  const { id } = await addChannel(admin, mock.url);
  const t = await newTokenOwner(app, admin);
  const body = JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "hi" }] });
  const status = async () => (await admin.get(`/api/admin/channels/${id}`)).body.status;

  mock.setFault({ type: "status", status: 500 });
  for (let i = 0; i < 2; i++) expect((await rawV1(app, "/chat/completions", { key: t.key, body })).status).toBe(502);
  await expect.poll(status).toBe("auto_disabled");
  // Probes keep failing while the upstream does.
  await new Promise((r) => setTimeout(r, 2_500));
  expect(await status()).toBe("auto_disabled");
  expect(mock.requests.some((r) => r.path === "/v1/models")).toBe(true);

  mock.setFault(null);
  await expect.poll(status, { timeout: 10_000 }).toBe("active");
  expect((await rawV1(app, "/chat/completions", { key: t.key, body })).status).toBe(200);
});

// The probe lists each type's models at its own URL with its own key header (no tokens spent).
const TYPES = [
  { type: "azure", model: "probe-azure", fields: () => ({ baseUrl: mock.origin, apiVersion: "2024-10-21" }), mock: () => mock, path: "/openai/models?api-version=2024-10-21", key: "api-key" },
  { type: "azure", model: "probe-azure-v1", fields: () => ({ baseUrl: mock.origin }), mock: () => mock, path: "/openai/v1/models", key: "api-key" },
  { type: "anthropic", model: "probe-anthropic", fields: () => ({ baseUrl: anthropic.url }), mock: () => anthropic, path: "/v1/models", key: "x-api-key" },
  { type: "gemini", model: "probe-gemini", fields: () => ({ baseUrl: gemini.url }), mock: () => gemini, path: "/v1beta/models", key: "x-goog-api-key" },
];

it.each(TYPES)("an auto-disabled $type channel is probed at $path and comes back", async (t) => {
  const admin = adminOf(app);
  expect((await admin.post("/api/admin/models", { name: t.model, modelRatio: 1, maxOutputTokens: 100 })).status).toBe(201);
  const res = await admin.post("/api/admin/channels", { name: t.model, type: t.type, apiKey: "mock-key", models: [t.model], groups: ["default"], ...t.fields() });
  expect(res.status).toBe(201);
  const id = res.body.id;
  const owner = await newTokenOwner(app, admin);
  const body = JSON.stringify({ model: t.model, messages: [{ role: "user", content: "hi" }] });
  const status = async () => (await admin.get(`/api/admin/channels/${id}`)).body.status;
  const upstream = t.mock();
  upstream.reset();
  upstream.setFault({ type: "status", status: 500 });
  for (let i = 0; i < 2; i++) expect((await rawV1(app, "/chat/completions", { key: owner.key, body })).status).toBe(502);
  await expect.poll(status).toBe("auto_disabled");
  upstream.setFault(null);
  await expect.poll(status, { timeout: 10_000 }).toBe("active");
  const probe = upstream.requests.find((r) => r.method === "GET");
  expect(probe?.path).toBe(t.path);
  expect(probe?.headers[t.key]).toBe("mock-key");
  expect((await rawV1(app, "/chat/completions", { key: owner.key, body })).status).toBe(200);
});
