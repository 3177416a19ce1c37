import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { countPromptTokens, countTokens } from "../../lib/billing/estimate";
import { startMockUpstream, type MockUpstream } from "./server";

let mock: MockUpstream;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  client = new OpenAI({ baseURL: mock.url, apiKey: "mock-key", maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const ask = (content: string) => ({ model: "gpt-4o-mini", messages: [{ role: "user" as const, content }] });

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

describe("chat completions", () => {
  it("answers deterministically with real token usage", async () => {
    const body = ask("What is the capital of France? Please answer briefly and precisely.");
    const res = await client.chat.completions.create(body);
    const text = res.choices[0].message.content!;
    expect(text).toBe("Hello from mock: What is the capital of France? Please an");
    expect(res.choices[0].finish_reason).toBe("stop");
    expect(res.model).toBe("gpt-4o-mini");
    expect(res.usage).toMatchObject({
      prompt_tokens: await countPromptTokens(body),
      completion_tokens: await countTokens(text),
      prompt_tokens_details: { cached_tokens: 0 },
    });
    expect(res.usage!.total_tokens).toBe(res.usage!.prompt_tokens + res.usage!.completion_tokens);
  });

  it("truncates the reply to max_tokens and max_completion_tokens", async () => {
    const a = await client.chat.completions.create({ ...ask("one two three four five"), max_tokens: 3 });
    expect(a.usage!.completion_tokens).toBe(3);
    expect(a.choices[0].finish_reason).toBe("length");
    expect(a.choices[0].message.content).toBe("Hello from mock");
    const b = await client.chat.completions.create({ ...ask("x"), max_completion_tokens: 2 });
    expect(b.usage!.completion_tokens).toBe(2);
  });

  it("reports cached prompt tokens when asked by header", async () => {
    const res = await client.chat.completions.create(ask("cache me"), { headers: { "x-mock-cached-tokens": "4" } });
    expect(res.usage!.prompt_tokens_details!.cached_tokens).toBe(4);
  });

  it("streams one chunk per word, then usage when include_usage is set", async () => {
    const body = ask("stream this please");
    const plain = await client.chat.completions.create(body);
    const chunks = await collect(await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }));
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe(plain.choices[0].message.content);
    expect(chunks.length).toBeGreaterThan(5);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual(plain.usage);
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe("stop");
  });

  it("sends no usage chunk without include_usage", async () => {
    const chunks = await collect(await client.chat.completions.create({ ...ask("hi"), stream: true }));
    expect(chunks.every((c) => c.usage === undefined && c.choices.length === 1)).toBe(true);
  });

  it("records requests with headers and parsed body", async () => {
    await client.chat.completions.create(ask("record me"));
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", body: ask("record me") });
    expect(mock.requests[0].headers.authorization).toBe("Bearer mock-key");
  });
});

describe("completions, embeddings, models", () => {
  it("answers legacy completions, streamed and not", async () => {
    const res = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "Say hi" });
    expect(res.choices[0].text).toBe("Hello from mock: Say hi");
    expect(res.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: await countTokens("Hello from mock: Say hi") });
    const chunks = await collect(await client.completions.create({ model: "m", prompt: "Say hi", stream: true, stream_options: { include_usage: true } }));
    expect(chunks.map((c) => c.choices[0]?.text ?? "").join("")).toBe(res.choices[0].text);
    expect(chunks.at(-1)!.usage).toEqual(res.usage);
  });

  it("returns deterministic unit vectors (the SDK asks for base64)", async () => {
    const a = await client.embeddings.create({ model: "text-embedding-3-small", input: ["alpha", "beta"] });
    const b = await client.embeddings.create({ model: "text-embedding-3-small", input: "alpha" });
    expect(mock.requests[0].body).toMatchObject({ encoding_format: "base64" });
    expect(a.data).toHaveLength(2);
    expect(a.data[0].embedding).toHaveLength(16);
    expect(Math.hypot(...a.data[0].embedding)).toBeCloseTo(1, 5);
    expect(b.data[0].embedding).toEqual(a.data[0].embedding);
    expect(a.data[1].embedding).not.toEqual(a.data[0].embedding);
    expect(a.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    const floats = await client.embeddings.create({ model: "e", input: "alpha", dimensions: 8, encoding_format: "float" });
    expect(floats.data[0].embedding).toHaveLength(8);
  });

  it("lists models", async () => {
    const ids = (await collect(client.models.list())).map((m) => m.id);
    expect(ids).toContain("gpt-4o-mini");
  });

  it("rejects a wrong key with 401 in the OpenAI envelope", async () => {
    const bad = new OpenAI({ baseURL: mock.url, apiKey: "wrong", maxRetries: 0 });
    const err = await bad.models.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe("invalid_api_key");
  });

  it("rejects a body without messages with 400", async () => {
    const err = await client.chat.completions.create({ model: "m" } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe("faults", () => {
  it("surfaces injected 500 and 429 as API errors", async () => {
    mock.setFault({ type: "status", status: 500, message: "boom" });
    const e500 = await client.chat.completions.create(ask("x")).catch((e: unknown) => e);
    expect(e500).toBeInstanceOf(OpenAI.InternalServerError);
    expect((e500 as Error).message).toContain("boom");
    mock.setFault({ type: "status", status: 429 });
    const e429 = await client.chat.completions.create(ask("x")).catch((e: unknown) => e);
    expect(e429).toBeInstanceOf(OpenAI.RateLimitError);
    expect((e429 as InstanceType<typeof OpenAI.APIError>).code).toBe("rate_limit_exceeded");
  });

  it("applies a fault with times only to that many requests", async () => {
    const retrying = new OpenAI({ baseURL: mock.url, apiKey: "mock-key", maxRetries: 2 });
    mock.setFault({ type: "status", status: 429, retryAfter: 0, times: 2 });
    const res = await retrying.chat.completions.create(ask("eventually"));
    expect(res.choices[0].message.content).toContain("eventually");
    expect(mock.requests).toHaveLength(3);
  });

  it("resets the connection mid-stream", async () => {
    mock.setFault({ type: "reset_mid_stream", afterChunks: 2 });
    const stream = await client.chat.completions.create({ ...ask("a b c d e f"), stream: true });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const c of stream) seen.push(c.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(seen).toHaveLength(2);
  });

  it("ends a stream with an error event", async () => {
    mock.setFault({ type: "stream_error", afterChunks: 2 });
    const stream = await client.chat.completions.create({ ...ask("a b c d e f"), stream: true });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const c of stream) seen.push(c.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as Error).message).toContain("The server had an error");
    expect(seen).toHaveLength(2);
  });

  it("resets a non-streamed answer mid-body", async () => {
    mock.setFault({ type: "reset_mid_stream", afterChunks: 0 });
    await expect(client.chat.completions.create(ask("x"))).rejects.toBeInstanceOf(Error);
  });

  it("omits usage in both modes with no_usage", async () => {
    mock.setFault({ type: "no_usage" });
    const res = await client.chat.completions.create(ask("x"));
    expect(res.usage).toBeUndefined();
    const chunks = await collect(await client.chat.completions.create({ ...ask("x"), stream: true, stream_options: { include_usage: true } }));
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("stop");
  });

  it("hangs until the client times out", async () => {
    mock.setFault({ type: "hang" });
    const err = await client.chat.completions.create(ask("x"), { timeout: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it("delays answers and slows streams", async () => {
    mock.setFault({ type: "delay", ms: 150, times: 1 });
    let t = Date.now();
    await client.models.list();
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    mock.setFault({ type: "slow_stream", chunkDelayMs: 30 });
    t = Date.now();
    const chunks = await collect(await client.chat.completions.create({ ...ask("one two three"), stream: true }));
    expect(Date.now() - t).toBeGreaterThanOrEqual(30 * (chunks.length - 1));
  });

  it("takes a per-request fault from the x-mock-fault header", async () => {
    const fault = JSON.stringify({ type: "status", status: 400, message: "bad thing" });
    const err = await client.chat.completions.create(ask("x"), { headers: { "x-mock-fault": fault } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.chat.completions.create(ask("x"))).resolves.toBeDefined();
  });

  it("is controllable over HTTP from another process", async () => {
    const control = mock.url.replace(/\/v1$/, "/__mock");
    const bad = await fetch(`${control}/fault`, { method: "POST", body: JSON.stringify({ type: "status", status: 200 }) });
    expect(bad.status).toBe(400);
    const set = await fetch(`${control}/fault`, { method: "POST", body: JSON.stringify({ type: "status", status: 503, times: 1 }) });
    expect(set.status).toBe(200);
    await expect(client.models.list()).rejects.toMatchObject({ status: 503 });
    await expect(client.models.list()).resolves.toBeDefined();
    const recorded = (await (await fetch(`${control}/requests`)).json()) as { data: unknown[] };
    expect(recorded.data).toHaveLength(2);
    await fetch(`${control}/reset`, { method: "POST" });
    expect(mock.requests).toHaveLength(0);
  });

  it("closes promptly with a hanging request open", async () => {
    const other = await startMockUpstream();
    other.setFault({ type: "hang" });
    const pending = fetch(`${other.url}/models`, { headers: { authorization: "Bearer mock-key" } }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
