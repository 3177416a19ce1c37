import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import type { ApiClient } from "../support/api-client";
import { CHAT_MODEL, EMBED_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, openaiFor, rawV1 } from "../support/relay-fixture";

let app: RunningApp;
let mock: MockUpstream;
let admin: ApiClient;
let key: string;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  app = await startApp({ env: { MAX_BODY_BYTES: "65536" } });
  admin = adminOf(app);
  await ensureModels(admin);
  await addChannel(admin, mock.url);
  ({ key } = await newTokenOwner(app, admin));
  client = openaiFor(app, key);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

describe("OpenAI-compatible endpoints through the official client", () => {
  it("answers a chat completion and passes unknown fields through untouched", async () => {
    const res = await client.chat.completions.create({
      model: CHAT_MODEL,
      messages: [{ role: "user", content: "Say hi" }],
      temperature: 0.3,
      tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: {} } } }],
      // @ts-expect-error a vendor field the SDK does not know
      top_k: 7,
    });
    // The mock model calls the tool it was offered.
    expect(res.choices[0]).toMatchObject({ finish_reason: "tool_calls", message: { tool_calls: [{ function: { name: "lookup", arguments: "{}" } }] } });
    expect(res.model).toBe(CHAT_MODEL);
    expect(res.usage?.prompt_tokens).toBeGreaterThan(0);
    const sent = mock.requests.at(-1)!;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.headers.authorization).toBe("Bearer mock-key");
    expect(sent.body).toMatchObject({ temperature: 0.3, top_k: 7, tools: [{ function: { name: "lookup" } }] });
  });

  it("streams a chat completion chunk by chunk without the usage chunk the client did not ask for", async () => {
    const stream = await client.chat.completions.create({
      model: CHAT_MODEL,
      messages: [{ role: "user", content: "stream please" }],
      stream: true,
    });
    let text = "";
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.usage ?? null).toBeNull();
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(text).toBe("Hello from mock: stream please");
    expect(chunks).toBeGreaterThan(3);
    // The gateway asked the upstream for usage so that it can bill exactly.
    expect(mock.requests.at(-1)!.body).toMatchObject({ stream_options: { include_usage: true } });
  });

  it("delivers each chunk as it arrives and ends a slow stream whose usage chunk comes on its own", async () => {
    mock.setFault({ type: "slow_stream", chunkDelayMs: 150 });
    const started = Date.now();
    const stream = await client.chat.completions.create({
      model: CHAT_MODEL,
      messages: [{ role: "user", content: "one two three" }],
      stream: true,
    });
    const arrivals: number[] = [];
    let text = "";
    for await (const chunk of stream) {
      arrivals.push(Date.now() - started);
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(text).toBe("Hello from mock: one two three");
    // Not buffered: the first chunk arrived long before the last.
    expect(arrivals.at(-1)! - arrivals[0]).toBeGreaterThan(600);
  });

  it("passes the usage chunk on when the client asks for it", async () => {
    const stream = await client.chat.completions.create({
      model: CHAT_MODEL,
      messages: [{ role: "user", content: "count me" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("sends SSE headers that stop proxies from buffering", async () => {
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "x" }], stream: true }),
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("cache-control")).toContain("no-cache");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await res.text()).toContain("data: [DONE]");
  });

  it("answers legacy completions, streamed and not", async () => {
    const res = await client.completions.create({ model: CHAT_MODEL, prompt: "Once upon" });
    expect(res.choices[0].text).toBe("Hello from mock: Once upon");
    const stream = await client.completions.create({ model: CHAT_MODEL, prompt: "Twice", stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? "";
    expect(text).toBe("Hello from mock: Twice");
  });

  it("answers embeddings", async () => {
    const res = await client.embeddings.create({ model: EMBED_MODEL, input: ["a", "b"] });
    expect(res.data).toHaveLength(2);
    expect(res.data[0].embedding.length).toBeGreaterThan(0);
  });

  it("lists only the models the token may call", async () => {
    const all = await client.models.list();
    expect(all.data.map((m) => m.id).sort()).toEqual([CHAT_MODEL, EMBED_MODEL].sort());
    const limited = await newTokenOwner(app, admin, { token: { allowedModels: [EMBED_MODEL, "not-served"] } });
    const list = await openaiFor(app, limited.key).models.list();
    expect(list.data.map((m) => m.id)).toEqual([EMBED_MODEL]);
  });

  it("accepts the key in x-api-key and api-key headers", async () => {
    for (const header of ["x-api-key", "api-key"]) {
      const res = await fetch(`${app.url}/v1/models`, { headers: { [header]: key } });
      expect(res.status).toBe(200);
    }
  });
});

describe("mapping", () => {
  it("sends the mapped model upstream and shows the client its own model name", async () => {
    const upstream = await startMockUpstream();
    try {
      await admin.post("/api/admin/models", { name: "alias-model", modelRatio: 1 });
      await addChannel(admin, upstream.url, { models: ["alias-model"], modelMapping: { "alias-model": "real-model-v2" } });
      const res = await client.chat.completions.create({ model: "alias-model", messages: [{ role: "user", content: "hi" }] });
      expect(upstream.requests.at(-1)!.body).toMatchObject({ model: "real-model-v2" });
      expect(res.model).toBe("alias-model");
      const stream = await client.chat.completions.create({ model: "alias-model", messages: [{ role: "user", content: "hi" }], stream: true });
      for await (const chunk of stream) expect(chunk.model).toBe("alias-model");
    } finally {
      await upstream.close();
    }
  });
});

describe("errors keep the contract's envelope", () => {
  it("refuses a request without a body model with 400, and bad JSON with 400", async () => {
    const noModel = await rawV1(app, "/chat/completions", { key, body: JSON.stringify({ messages: [] }) });
    expect(noModel.status).toBe(400);
    expect(noModel.body.error).toMatchObject({ code: "invalid_request", param: "model" });
    const badJson = await rawV1(app, "/chat/completions", { key, body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe("invalid_request");
    expect(badJson.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("refuses a body over the size limit with 413", async () => {
    const big = JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "x".repeat(100_000) }] });
    const res = await rawV1(app, "/chat/completions", { key, body: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("request_too_large");
    expect(mock.requests).toHaveLength(0);
  });

  it("answers 404 model_not_found for an unknown model", async () => {
    await expect(
      client.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({ status: 404, code: "model_not_found" });
  });

  it("passes an upstream 4xx back with its message, sanitized of keys", async () => {
    mock.setFault({ type: "status", status: 400, message: "context too long for key sk-abcdefghijklmnop mock-key", times: 1 });
    const err = await client.chat.completions
      .create({ model: CHAT_MODEL, messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(400);
    expect(err.message).toContain("context too long");
    expect(err.message).not.toContain("abcdefghijklmnop");
    expect(err.message).not.toContain("mock-key");
    expect(mock.requests).toHaveLength(1);
  });
});
