import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startAnthropicMock, type AnthropicMock } from "../mock-upstream/anthropic";
import { startGeminiMock, type GeminiMock } from "../mock-upstream/gemini";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import type { RunningApp } from "./app";
import { apiClient, type ApiClient } from "./api-client";

export const CHAT_MODEL = "mock-chat";
export const EMBED_MODEL = "mock-embed";

let seq = 0;

/** An `openai` client pointed at the gateway with this key (no SDK retries: tests see every answer). */
export function openaiFor(app: Pick<RunningApp, "url">, apiKey: string, opts: { headers?: Record<string, string> } = {}) {
  return new OpenAI({ apiKey, baseURL: `${app.url}/v1`, maxRetries: 0, defaultHeaders: opts.headers, timeout: 30_000 });
}

/** Prices the test models (idempotent per app). */
export async function ensureModels(admin: ApiClient) {
  for (const m of [
    { name: CHAT_MODEL, modelRatio: 1, completionRatio: 2, cacheRatio: 0.5, maxOutputTokens: 1000 },
    { name: EMBED_MODEL, modelRatio: 0.5, maxOutputTokens: 1 },
  ]) {
    const res = await admin.post("/api/admin/models", m);
    if (res.status !== 201 && res.status !== 409) throw new Error(`model ${m.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A channel to a mock upstream, serving the test models to the given groups. */
export async function addChannel(
  admin: ApiClient,
  baseUrl: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: number }> {
  const res = await admin.post("/api/admin/channels", {
    name: `mock-${++seq}`,
    type: "openai",
    baseUrl,
    apiKey: "mock-key",
    models: [CHAT_MODEL, EMBED_MODEL],
    groups: ["default"],
    ...extra,
  });
  if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A user with `balance` credits and a token with the given properties. */
export async function newTokenOwner(
  app: Pick<RunningApp, "url">,
  admin: ApiClient,
  opts: { balance?: number; token?: Record<string, unknown>; user?: Record<string, unknown> } = {},
): Promise<{ userId: number; tokenId: number; key: string }> {
  const user = await admin.post("/api/admin/users", {
    email: `owner${++seq}-${Date.now()}@example.com`,
    password: "owner password 1",
    ...opts.user,
  });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const balance = opts.balance ?? 10_000_000;
  if (balance > 0) {
    const top = await admin.post(`/api/admin/users/${user.body.id}/topup`, { amount: balance });
    if (top.status !== 200) throw new Error(`topup: ${top.status} ${JSON.stringify(top.body)}`);
  }
  const token = await admin.post("/api/tokens", { name: `t${seq}`, userId: user.body.id, ...opts.token });
  if (token.status !== 201) throw new Error(`token: ${token.status} ${JSON.stringify(token.body)}`);
  return { userId: user.body.id, tokenId: token.body.id, key: token.body.key };
}

/** The admin client for a running app. */
export function adminOf(app: RunningApp): ApiClient {
  return apiClient(app, { bearer: app.adminApiKey });
}

/** Raw POST to a /v1 endpoint, for the cases the SDK would not send. */
export async function rawV1(app: Pick<RunningApp, "url">, path: string, init: RequestInit & { key?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  const res = await fetch(`${app.url}/v1${path}`, { method: "POST", ...init, headers });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

/** A running app with the test models priced and one channel to a mock upstream of its own. */
export async function startRelay(opts: { env?: Record<string, string> } = {}) {
  const { startMockUpstream } = await import("../mock-upstream/server");
  const { startApp } = await import("./app");
  const mock = await startMockUpstream();
  const app = await startApp({ env: opts.env });
  const admin = adminOf(app);
  await ensureModels(admin);
  const { id: channelId } = await addChannel(admin, mock.url);
  return {
    app,
    mock,
    admin,
    channelId,
    async stop() {
      await app.stop();
      await mock.close();
    },
  };
}

export type Relay = Awaited<ReturnType<typeof startRelay>>;

/**
 * Two instances of the app on one database, sharing Redis under a key prefix of their own (so
 * parallel runs never see each other's keys), with the test models and one channel to a mock.
 */
export async function startRelayPair(env: Record<string, string> = {}) {
  const { randomBytes } = await import("node:crypto");
  const { startMockUpstream } = await import("../mock-upstream/server");
  const { startApp } = await import("./app");
  const { createTestDatabase } = await import("./test-db");
  const mock = await startMockUpstream();
  const db = await createTestDatabase();
  const shared = { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: `gwtest${randomBytes(4).toString("hex")}:`, ...env };
  const a = await startApp({ db, env: shared });
  const b = await startApp({ db, env: { ...shared, ADMIN_API_KEY: a.adminApiKey } });
  await ensureModels(adminOf(a));
  await addChannel(adminOf(a), mock.url);
  return {
    mock,
    a,
    b,
    async stop() {
      await b.stop({ keepDatabase: true });
      await a.stop();
      await mock.close();
    },
  };
}

/**
 * One mock per provider wire format for the file's tests: OpenAI (which also answers Azure's URL
 * forms), Anthropic and Gemini; started before the file's own set-up, emptied before each test.
 */
export function useProviderMocks() {
  const mocks = {} as { openai: MockUpstream; anthropic: AnthropicMock; gemini: GeminiMock };
  beforeAll(async () => {
    [mocks.openai, mocks.anthropic, mocks.gemini] = await Promise.all([startMockUpstream(), startAnthropicMock(), startGeminiMock()]);
  });
  beforeEach(() => {
    mocks.openai.reset();
    mocks.anthropic.reset();
    mocks.gemini.reset();
  });
  afterAll(() => Promise.all([mocks.openai?.close(), mocks.anthropic?.close(), mocks.gemini?.close()]));
  return mocks;
}
