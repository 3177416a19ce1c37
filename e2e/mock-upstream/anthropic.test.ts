import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SseParser } from "../../lib/gateway/sse-parse";
import { startAnthropicMock, type AnthropicMock } from "./anthropic";

let mock: AnthropicMock;
let client: Anthropic;

beforeAll(async () => {
  mock = await startAnthropicMock();
  client = new Anthropic({ baseURL: mock.url.replace(/\/v1$/, ""), apiKey: "mock-key", maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const MODEL = "claude-haiku-4-5";
const ask = (content: string, extra: Partial<Anthropic.MessageCreateParamsNonStreaming> = {}) => ({
  model: MODEL,
  max_tokens: 1024,
  messages: [{ role: "user" as const, content }],
  ...extra,
});
const tools: Anthropic.Tool[] = [
  { name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
  { name: "get_time", input_schema: { type: "object", properties: { tz: { type: "string", enum: ["UTC", "CET"] } }, required: ["tz"] } },
];

describe("Anthropic Messages mock", () => {
  it("answers with real token counts that count_tokens agrees with", async () => {
    const body = ask("What is the capital of France? Please answer briefly and precisely.", { system: "Be terse." });
    const message = await client.messages.create(body);
    expect(message.content).toEqual([{ type: "text", text: "Hello from mock: What is the capital of France? Please an" }]);
    expect(message).toMatchObject({ type: "message", role: "assistant", model: MODEL, stop_reason: "end_turn" });
    const { input_tokens } = await client.messages.countTokens({ model: MODEL, system: "Be terse.", messages: body.messages });
    expect(message.usage).toMatchObject({ input_tokens, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    expect(message.usage.output_tokens).toBeGreaterThan(5);
    // SDK 1.x sends the key as a bearer token and its own API version.
    expect(mock.requests[0].headers).toMatchObject({ authorization: "Bearer mock-key", "anthropic-version": expect.any(String) });
  });

  it("streams the same message, with a ping, as the SDK assembles it", async () => {
    const plain = await client.messages.create(ask("stream this please"));
    const streamed = await client.messages.stream(ask("stream this please")).finalMessage();
    expect(streamed.content).toEqual(plain.content);
    expect(streamed.usage).toEqual(plain.usage);
    const raw = await fetch(`${mock.url}/messages`, {
      method: "POST",
      headers: { "x-api-key": "mock-key", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ ...ask("hi"), stream: true }),
    });
    const names = new SseParser().push(await raw.text()).map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(["message_start", "ping", "content_block_start"]);
    expect(names.slice(-2)).toEqual(["message_delta", "message_stop"]);
  });

  it("calls every offered tool at once, then reads the tool results", async () => {
    const first = await client.messages.create(ask("Paris weather and time", { tools }));
    expect(first.stop_reason).toBe("tool_use");
    const calls = first.content.filter((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
    expect(calls.map((c) => [c.name, c.input])).toEqual([
      ["get_weather", { city: "Paris weather and ti" }],
      ["get_time", { tz: "UTC" }],
    ]);
    const streamed = await client.messages.stream(ask("Paris weather and time", { tools })).finalMessage();
    expect(streamed.content.filter((b) => b.type === "tool_use").map((b) => (b as Anthropic.ToolUseBlock).input)).toEqual(calls.map((c) => c.input));
    const results = calls.map((c) => ({ type: "tool_result" as const, tool_use_id: c.id, content: "sunny" }));
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: "Paris weather and time" }, { role: "assistant", content: first.content }];
    const second = await client.messages.create({ ...ask(""), tools, messages: [...messages, { role: "user", content: results }] });
    expect(second.content).toEqual([{ type: "text", text: "Hello from mock: tool results: sunny sunny" }]);
    const missing = await client.messages
      .create({ ...ask(""), tools, messages: [...messages, { role: "user", content: [results[0]] }] })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Anthropic.BadRequestError);
    const one = await client.messages.create(ask("x", { tools, tool_choice: { type: "any", disable_parallel_tool_use: true } }));
    expect(one.content.filter((b) => b.type === "tool_use")).toHaveLength(1);
    const none = await client.messages.create(ask("x", { tools, tool_choice: { type: "none" } }));
    expect(none.stop_reason).toBe("end_turn");
  });

  it("thinks when asked, and refuses a thinking block whose signature changed", async () => {
    const params = ask("17 times 23", { max_tokens: 2048, thinking: { type: "enabled", budget_tokens: 1024 } });
    const first = await client.messages.stream(params).finalMessage();
    const thinking = first.content[0] as Anthropic.ThinkingBlock;
    expect(thinking).toMatchObject({ type: "thinking", thinking: "Thinking about: 17 times 23" });
    expect(thinking.signature.length).toBeGreaterThan(20);
    const next = (block: Anthropic.ThinkingBlock) =>
      client.messages.create({ ...params, messages: [...params.messages, { role: "assistant", content: [block, first.content[1]] }, { role: "user", content: "and?" }] });
    await expect(next(thinking)).resolves.toMatchObject({ stop_reason: "end_turn" });
    await expect(next({ ...thinking, signature: `x${thinking.signature}` })).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(client.messages.create({ ...params, max_tokens: 1024 })).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });

  it("reports cache reads and writes set through the control endpoint, in both modes", async () => {
    const control = mock.url.replace(/\/v1$/, "/__mock/cache");
    expect((await fetch(control, { method: "POST", body: JSON.stringify({ read: -1 }) })).status).toBe(400);
    await fetch(control, { method: "POST", body: JSON.stringify({ read: 10, write5m: 4, write1h: 2 }) });
    const body = ask("Please count the cached tokens of this rather long prompt for me, thank you very much.");
    const { input_tokens: total } = await client.messages.countTokens({ model: MODEL, messages: body.messages });
    expect(total).toBeGreaterThan(16);
    const plain = await client.messages.create(body);
    expect(plain.usage).toMatchObject({
      input_tokens: total - 16,
      cache_read_input_tokens: 10,
      cache_creation_input_tokens: 6,
      cache_creation: { ephemeral_5m_input_tokens: 4, ephemeral_1h_input_tokens: 2 },
    });
    const streamed = await client.messages.stream(body).finalMessage();
    expect(streamed.usage).toEqual(plain.usage);
    mock.setCache(null);
    expect((await client.messages.create(body)).usage.cache_read_input_tokens).toBe(0);
  });

  it("stops at max_tokens and at stop sequences", async () => {
    const cut = await client.messages.create(ask("one two three four five", { max_tokens: 3 }));
    expect(cut).toMatchObject({ stop_reason: "max_tokens", content: [{ type: "text", text: "Hello from mock" }], usage: { output_tokens: 3 } });
    const stopped = await client.messages.create(ask("one two three", { stop_sequences: ["two"] }));
    expect(stopped).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "two", content: [{ text: "Hello from mock: one " }] });
  });

  it("requires the key and the version header, and validates the body", async () => {
    const wrong = new Anthropic({ baseURL: mock.url.replace(/\/v1$/, ""), apiKey: "nope", maxRetries: 0 });
    await expect(wrong.messages.create(ask("x"))).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const noVersion = await fetch(`${mock.url}/messages`, { method: "POST", headers: { "x-api-key": "mock-key" }, body: JSON.stringify(ask("x")) });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: "anthropic-version: header is required" } });
    await expect(client.messages.create({ model: MODEL, messages: [] } as never)).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });

  it("refuses sampling parameters from API version 2026-10-21 on, as Anthropic does", async () => {
    const post = (version: string, extra: object) =>
      fetch(`${mock.url}/messages`, {
        method: "POST",
        headers: { "x-api-key": "mock-key", "anthropic-version": version },
        body: JSON.stringify({ ...ask("x"), ...extra }),
      });
    const refused = await post("2026-10-21", { temperature: 1 });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { message: "temperature: Extra inputs are not permitted" } });
    expect((await post("2023-06-01", { temperature: 0.3 })).status).toBe(200);
    const thinking = { max_tokens: 2048, thinking: { type: "enabled", budget_tokens: 1024 }, temperature: 0.5 };
    expect((await post("2023-06-01", thinking)).status).toBe(400);
  });
});

describe("Anthropic mock faults", () => {
  it("answers injected statuses in Anthropic's error shape", async () => {
    mock.setFault({ type: "status", status: 529, message: "Overloaded", times: 1 });
    const err = (await client.messages.create(ask("x")).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(err.status).toBe(529);
    expect(err.type).toBe("overloaded_error");
    mock.setFault({ type: "status", status: 429, retryAfter: 1, times: 1 });
    await expect(client.messages.create(ask("x"))).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    await expect(client.messages.create(ask("x"))).resolves.toBeDefined();
  });

  it("sends an overloaded_error event mid-stream", async () => {
    mock.setFault({ type: "stream_error", afterChunks: 4 });
    const texts: string[] = [];
    const err = await client.messages
      .stream(ask("a b c d e f"))
      .on("text", (t) => texts.push(t))
      .finalMessage()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe("overloaded_error");
    expect(texts.join("")).toBe("Hello");
  });

  it("drops the connection mid-stream and can leave usage out", async () => {
    mock.setFault({ type: "reset_mid_stream", afterChunks: 3, times: 1 });
    await expect(client.messages.stream(ask("a b c")).finalMessage()).rejects.toBeInstanceOf(Error);
    mock.setFault({ type: "no_usage", times: 1 });
    const raw = await fetch(`${mock.url}/messages`, {
      method: "POST",
      headers: { "x-api-key": "mock-key", "anthropic-version": "2023-06-01" },
      body: JSON.stringify(ask("x")),
    });
    expect((await raw.json()) as object).not.toHaveProperty("usage");
  });

  it("is controllable over HTTP like the OpenAI mock", async () => {
    const control = mock.url.replace(/\/v1$/, "/__mock");
    await fetch(`${control}/fault`, { method: "POST", body: JSON.stringify({ type: "status", status: 500, times: 1 }) });
    await expect(client.messages.create(ask("x"))).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    const recorded = (await (await fetch(`${control}/requests`)).json()) as { data: unknown[] };
    expect(recorded.data).toHaveLength(1);
  });
});
