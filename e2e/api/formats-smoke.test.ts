// Smoke: each client SDK through the gateway to each kind of channel.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicMock, type AnthropicMock } from "../mock-upstream/anthropic";
import { startGeminiMock, type GeminiMock } from "../mock-upstream/gemini";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import { adminOf, newTokenOwner, openaiFor } from "../support/relay-fixture";

let app: RunningApp;
let openai: MockUpstream;
let anthropic: AnthropicMock;
let gemini: GeminiMock;
let key: string;

beforeAll(async () => {
  [openai, anthropic, gemini] = await Promise.all([startMockUpstream(), startAnthropicMock(), startGeminiMock()]);
  app = await startApp();
  const admin = adminOf(app);
  for (const name of ["via-openai", "via-anthropic", "via-gemini"]) {
    const r = await admin.post("/api/admin/models", { name, modelRatio: 1, completionRatio: 2, maxOutputTokens: 1000 });
    expect(r.status).toBe(201);
  }
  for (const [type, baseUrl, model] of [["openai", openai.url, "via-openai"], ["anthropic", anthropic.url, "via-anthropic"], ["gemini", gemini.url, "via-gemini"]]) {
    const r = await admin.post("/api/admin/channels", { name: type, type, baseUrl, apiKey: "mock-key", models: [model], groups: ["default"] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  key = (await newTokenOwner(app, admin)).key;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([openai?.close(), anthropic?.close(), gemini?.close()]);
});

describe("Anthropic SDK", () => {
  for (const model of ["via-anthropic", "via-openai", "via-gemini"]) {
    it(`messages to ${model}, stream and not`, async () => {
      const client = new Anthropic({ apiKey: key, baseURL: app.url, maxRetries: 0 });
      const msg = await client.messages.create({ model, max_tokens: 100, messages: [{ role: "user", content: "Say hello" }] });
      expect(msg.content.length, JSON.stringify(msg)).toBeGreaterThan(0);
      expect(msg.model).toBe(model);
      const stream = client.messages.stream({ model, max_tokens: 100, messages: [{ role: "user", content: "Say hello" }] });
      const final = await stream.finalMessage();
      expect(final.content.length).toBeGreaterThan(0);
      expect(final.usage.output_tokens).toBeGreaterThan(0);
    });
  }
});

describe("OpenAI SDK", () => {
  for (const model of ["via-anthropic", "via-openai", "via-gemini"]) {
    it(`chat to ${model}, stream and not; responses`, async () => {
      const client = openaiFor(app, key);
      const chat = await client.chat.completions.create({ model, messages: [{ role: "user", content: "Say hello" }] });
      expect(chat.choices[0].message.content).toBeTruthy();
      const stream = await client.chat.completions.create({ model, stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "Say hello" }] });
      let text = "";
      let usage = null;
      for await (const c of stream) {
        text += c.choices[0]?.delta?.content ?? "";
        usage = c.usage ?? usage;
      }
      expect(text).toBeTruthy();
      expect(usage).toBeTruthy();
      const resp = await client.responses.create({ model, input: "Say hello" });
      expect(resp.output_text).toBeTruthy();
      const events = await client.responses.create({ model, input: "Say hello", stream: true });
      let completed = false;
      for await (const e of events) if (e.type === "response.completed") completed = true;
      expect(completed).toBe(true);
    });
  }
});
