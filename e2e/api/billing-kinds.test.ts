// The exact charge for cached reads, cache writes (5-minute and 1-hour) and reasoning tokens, per
// provider, read from each provider's own usage: OpenAI's cached_tokens and reasoning_tokens,
// Anthropic's cache_read/cache_creation (input_tokens excluding them), Gemini's
// cachedContentTokenCount and thoughtsTokenCount (billed as output). CONTRACT §2 and §5.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../support/api-client";
import { startApp, type RunningApp } from "../support/app";
import { adminOf, newTokenOwner, openaiFor, useProviderMocks } from "../support/relay-fixture";

let app: RunningApp;
let admin: ApiClient;
const mocks = useProviderMocks();

// Ratios chosen so that every kind has its own price and rounding shows: ×1.5 input, output ×5,
// cache reads ×0.1, 5-minute writes ×1.25, 1-hour writes ×2 (the last two the defaults).
const PRICE = { modelRatio: 1.5, completionRatio: 5, cacheRatio: 0.1, maxOutputTokens: 8192 };

type Kinds = { prompt: number; cached: number; write5m: number; write1h: number; completion: number; reasoning: number };

/** CONTRACT §2 in integers (hundredths of a token): ceil((uncached + cached×0.1 + w5m×1.25 + w1h×2 + out×5) × 1.5). */
function expectedCost(k: Kinds): number {
  const hundredths = (k.prompt - k.cached - k.write5m - k.write1h) * 100 + k.cached * 10 + k.write5m * 125 + k.write1h * 200 + k.completion * 500;
  return Math.ceil((hundredths * 15) / 1000);
}

const LONG = "Summarise the following, please. ".repeat(12) + "What matters most in a cache?";

beforeAll(async () => {
  app = await startApp();
  admin = adminOf(app);
  const channels = [
    { name: "bill-openai", type: "openai", baseUrl: mocks.openai.url, upstream: "o4-mini" },
    { name: "bill-anthropic", type: "anthropic", baseUrl: mocks.anthropic.url, upstream: "claude-sonnet-4-5" },
    { name: "bill-gemini", type: "gemini", baseUrl: mocks.gemini.url, upstream: "gemini-2.5-pro" },
  ];
  for (const c of channels) {
    expect((await admin.post("/api/admin/models", { name: c.name, ...PRICE })).status).toBe(201);
    const res = await admin.post("/api/admin/channels", {
      name: c.name,
      type: c.type,
      baseUrl: c.baseUrl,
      apiKey: "mock-key",
      models: [c.name],
      modelMapping: { [c.name]: c.upstream },
      groups: ["default"],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}, 120_000);

afterAll(() => app?.stop());

const START = 10_000_000;

/** The usage record of the owner's one call, once written, and the owner's balance and token after it. */
async function charged(owner: { userId: number; tokenId: number }) {
  let rec: any;
  await expect
    .poll(async () => {
      rec = (await admin.get(`/api/usage?userId=all&tokenId=${owner.tokenId}`)).body.data?.[0];
      return rec !== undefined;
    })
    .toBe(true);
  const balance = (await admin.get(`/api/admin/users/${owner.userId}`)).body.balance;
  const used = (await admin.get(`/api/tokens/${owner.tokenId}`)).body.usedQuota;
  return { rec, balance, used };
}

async function expectCharge(owner: { userId: number; tokenId: number }, kinds: Kinds) {
  const cost = expectedCost(kinds);
  const { rec, balance, used } = await charged(owner);
  expect(rec).toMatchObject({
    promptTokens: kinds.prompt,
    completionTokens: kinds.completion,
    cachedTokens: kinds.cached,
    cacheWriteTokens: kinds.write5m,
    cacheWrite1hTokens: kinds.write1h,
    reasoningTokens: kinds.reasoning,
    cost,
    estimated: false,
    status: 200,
  });
  expect(balance).toBe(START - cost);
  expect(used).toBe(cost);
}

describe.each([false, true])("stream: %s", (stream) => {
  it("OpenAI chat: cached_tokens at the cache rate, reasoning_tokens as output", async () => {
    const owner = await newTokenOwner(app, admin, { balance: START });
    mocks.openai.setCachedTokens(64);
    const client = openaiFor(app, owner.key);
    const body = { model: "bill-openai", reasoning_effort: "low" as const, messages: [{ role: "user" as const, content: LONG }] };
    let usage: any;
    if (stream) {
      for await (const c of await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } })) usage = c.usage ?? usage;
    } else usage = (await client.chat.completions.create(body)).usage;
    expect(usage.prompt_tokens_details.cached_tokens).toBe(64);
    const reasoning = usage.completion_tokens_details.reasoning_tokens;
    expect(reasoning).toBeGreaterThan(0);
    await expectCharge(owner, { prompt: usage.prompt_tokens, cached: 64, write5m: 0, write1h: 0, completion: usage.completion_tokens, reasoning });
  });

  it("OpenAI Responses: input_tokens_details.cached_tokens and output_tokens_details.reasoning_tokens", async () => {
    const owner = await newTokenOwner(app, admin, { balance: START });
    mocks.openai.setCachedTokens(48);
    const client = openaiFor(app, owner.key);
    const body = { model: "bill-openai", input: LONG, reasoning: { effort: "medium" as const } };
    let usage: any;
    if (stream) {
      for await (const e of await client.responses.create({ ...body, stream: true })) if (e.type === "response.completed") usage = e.response.usage;
    } else usage = (await client.responses.create(body)).usage;
    expect(usage.input_tokens_details.cached_tokens).toBe(48);
    const reasoning = usage.output_tokens_details.reasoning_tokens;
    expect(reasoning).toBeGreaterThan(0);
    await expectCharge(owner, { prompt: usage.input_tokens, cached: 48, write5m: 0, write1h: 0, completion: usage.output_tokens, reasoning });
  });

  it("Anthropic Messages: input_tokens exclude cache reads and writes; 5-minute and 1-hour writes at their own rates", async () => {
    const owner = await newTokenOwner(app, admin, { balance: START });
    mocks.anthropic.setCache({ read: 40, write5m: 24, write1h: 16 });
    const client = new Anthropic({ apiKey: owner.key, baseURL: app.url, maxRetries: 0 });
    const body: Anthropic.MessageCreateParamsNonStreaming = {
      model: "bill-anthropic",
      max_tokens: 3000,
      thinking: { type: "enabled", budget_tokens: 1024 },
      system: [{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral", ttl: "1h" } }],
      messages: [{ role: "user", content: [{ type: "text", text: LONG, cache_control: { type: "ephemeral" } }] }],
    };
    const msg = stream ? await client.messages.stream(body).finalMessage() : await client.messages.create(body);
    const u = msg.usage;
    expect(u).toMatchObject({ cache_read_input_tokens: 40, cache_creation_input_tokens: 40 });
    await expectCharge(owner, {
      prompt: u.input_tokens + 40 + 40,
      cached: 40,
      write5m: 24,
      write1h: 16,
      completion: u.output_tokens,
      reasoning: 0,
    });
  });

  it("Anthropic behind a chat client: the same kinds, charged the same way", async () => {
    const owner = await newTokenOwner(app, admin, { balance: START });
    mocks.anthropic.setCache({ read: 30, write5m: 20, write1h: 0 });
    const client = openaiFor(app, owner.key);
    const body = { model: "bill-anthropic", messages: [{ role: "user" as const, content: LONG }] };
    let usage: any;
    if (stream) {
      for await (const c of await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } })) usage = c.usage ?? usage;
    } else usage = (await client.chat.completions.create(body)).usage;
    const upstream = mocks.anthropic.requests.at(-1)!;
    // What Anthropic reported, read straight from the mock for the same request: the oracle.
    const raw = await rawAnthropic(upstream.body as Record<string, unknown>);
    expect(usage.prompt_tokens).toBe(raw.input_tokens + 50);
    await expectCharge(owner, { prompt: raw.input_tokens + 50, cached: 30, write5m: 20, write1h: 0, completion: raw.output_tokens, reasoning: 0 });
  });

  it("Gemini: cachedContentTokenCount at the cache rate, thoughtsTokenCount billed as output", async () => {
    const owner = await newTokenOwner(app, admin, { balance: START });
    mocks.gemini.setCachedTokens(36);
    const client = new Anthropic({ apiKey: owner.key, baseURL: app.url, maxRetries: 0 });
    const body: Anthropic.MessageCreateParamsNonStreaming = { model: "bill-gemini", max_tokens: 3000, messages: [{ role: "user", content: LONG }] };
    if (stream) await client.messages.stream(body).finalMessage();
    else await client.messages.create(body);
    const upstream = mocks.gemini.requests.at(-1)!;
    const meta = await rawGemini(upstream.body as Record<string, unknown>);
    expect(meta.cachedContentTokenCount).toBe(36);
    expect(meta.thoughtsTokenCount).toBeGreaterThan(0);
    await expectCharge(owner, {
      prompt: meta.promptTokenCount,
      cached: 36,
      write5m: 0,
      write1h: 0,
      completion: meta.candidatesTokenCount + meta.thoughtsTokenCount,
      reasoning: meta.thoughtsTokenCount,
    });
  });
});

async function rawAnthropic(body: Record<string, unknown>) {
  const res = await fetch(`${mocks.anthropic.url}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "mock-key", "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ ...body, stream: false }),
  });
  return ((await res.json()) as { usage: { input_tokens: number; output_tokens: number } }).usage;
}

async function rawGemini(body: Record<string, unknown>) {
  const res = await fetch(`${mocks.gemini.url}/models/gemini-2.5-pro:generateContent`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-goog-api-key": "mock-key" },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { usageMetadata: Record<string, number> }).usageMetadata;
}
