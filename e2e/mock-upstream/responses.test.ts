import OpenAI, { AzureOpenAI } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { countPromptTokens } from "../../lib/billing/estimate";
import { startMockUpstream, type MockUpstream } from "./server";

// The OpenAI mock's Responses API, tool calls and reasoning, and Azure's URL forms, read by the official SDK.
let mock: MockUpstream;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  client = new OpenAI({ baseURL: mock.url, apiKey: "mock-key", maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const weather = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
  strict: true,
};

describe("responses", () => {
  it("answers text with usage, stream and not; events are numbered in order and end with response.completed", async () => {
    const res = await client.responses.create({ model: "gpt-5-mini", input: "Say hello" });
    expect(res.output_text).toBe("Hello from mock: Say hello");
    expect(res.usage).toMatchObject({ input_tokens: await countPromptTokens({ input: "Say hello" }), output_tokens: 6 });
    const stream = await client.responses.create({ model: "gpt-5-mini", input: "Say hello", stream: true });
    const events = [];
    for await (const e of stream) events.push(e);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events[0].type).toBe("response.created");
    const last = events.at(-1)!;
    expect(last.type).toBe("response.completed");
    if (last.type === "response.completed") expect(last.response.usage?.output_tokens).toBe(6);
    const text = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : [])).join("");
    expect(text).toBe("Hello from mock: Say hello");
  });

  it("calls function tools, then reads their outputs", async () => {
    const first = await client.responses.create({ model: "gpt-5-mini", input: "Weather in Paris?", tools: [weather] });
    const call = first.output.find((o) => o.type === "function_call");
    expect(call).toMatchObject({ name: "get_weather", arguments: JSON.stringify({ city: "Weather in Paris?" }) });
    const input: OpenAI.Responses.ResponseInput = [
      { role: "user", content: "Weather in Paris?" },
      ...first.output.filter((o) => o.type === "function_call"),
      { type: "function_call_output", call_id: (call as { call_id: string }).call_id, output: "sunny" },
    ];
    const second = await client.responses.create({ model: "gpt-5-mini", input, tools: [weather] });
    expect(second.output_text).toBe("Hello from mock: tool results: sunny");
    const orphan = client.responses.create({ model: "gpt-5-mini", input: [{ type: "function_call_output", call_id: "call_x", output: "?" }] });
    await expect(orphan).rejects.toMatchObject({ status: 400 });
  });

  it("reasons when asked: reasoning tokens in usage, encrypted content checked when it comes back", async () => {
    const res = await client.responses.create({
      model: "gpt-5-mini",
      input: "Think",
      reasoning: { effort: "low", summary: "auto" },
      include: ["reasoning.encrypted_content"],
      store: false,
    });
    const reasoning = res.output.find((o) => o.type === "reasoning");
    expect(reasoning?.encrypted_content).toBeTruthy();
    expect(res.usage!.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    const back = (content: string) =>
      client.responses.create({ model: "gpt-5-mini", input: [{ ...reasoning!, encrypted_content: content }, { role: "user", content: "Go on" }] });
    await expect(back(reasoning!.encrypted_content!)).resolves.toBeTruthy();
    await expect(back("gAAAABforged.sig")).rejects.toMatchObject({ status: 400 });
  });

  it("continues a stored response by previous_response_id; an unknown one is 404", async () => {
    const first = await client.responses.create({ model: "gpt-5-mini", input: "One" });
    await expect(client.responses.create({ model: "gpt-5-mini", input: "Two", previous_response_id: first.id })).resolves.toBeTruthy();
    await expect(client.responses.create({ model: "gpt-5-mini", input: "Two", previous_response_id: "resp_nope" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("chat completions with tools and reasoning", () => {
  const tools = [{ type: "function" as const, function: { name: weather.name, parameters: weather.parameters } }];

  it("calls every tool, streamed in pieces the SDK reassembles; reasoning_effort reports reasoning tokens", async () => {
    const res = await client.chat.completions.create({ model: "o4-mini", messages: [{ role: "user", content: "Paris?" }], tools, reasoning_effort: "low" });
    expect(res.choices[0]).toMatchObject({ finish_reason: "tool_calls", message: { tool_calls: [{ function: { name: "get_weather", arguments: '{"city":"Paris?"}' } }] } });
    expect(res.usage!.completion_tokens_details!.reasoning_tokens).toBeGreaterThan(0);
    const stream = client.chat.completions.stream({ model: "o4-mini", messages: [{ role: "user", content: "Paris?" }], tools });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0].message.tool_calls?.[0]).toMatchObject({ function: { arguments: '{"city":"Paris?"}' } });
  });
});

it("refuses max_tokens on reasoning models, as OpenAI does", async () => {
  const ask = (model: string, limit: Record<string, number>) => client.chat.completions.create({ model, messages: [{ role: "user", content: "Hi" }], ...limit });
  await expect(ask("o3", { max_tokens: 5 })).rejects.toMatchObject({ status: 400, param: "max_tokens" });
  await expect(ask("gpt-5", { max_completion_tokens: 5 })).resolves.toBeTruthy();
  await expect(ask("gpt-4o", { max_tokens: 5 })).resolves.toBeTruthy();
});

describe("Azure OpenAI", () => {
  it("serves the deployment form with api-key and api-version, the deployment naming the model", async () => {
    const azure = new AzureOpenAI({ endpoint: mock.origin, apiKey: "mock-key", apiVersion: "2024-10-21", deployment: "my-dep", maxRetries: 0 });
    const res = await azure.chat.completions.create({ model: "ignored", messages: [{ role: "user", content: "Hi" }] });
    expect(res.model).toBe("my-dep");
    expect(mock.requests[0]).toMatchObject({ path: "/openai/deployments/my-dep/chat/completions?api-version=2024-10-21" });
    expect(mock.requests[0].headers["api-key"]).toBe("mock-key");
  });

  it("serves the v1 form; refuses a bearer key, a wrong key and a missing api-version as Azure does", async () => {
    const v1 = new OpenAI({ baseURL: `${mock.origin}/openai/v1`, apiKey: "unused", defaultHeaders: { "api-key": "mock-key" }, maxRetries: 0 });
    expect((await v1.responses.create({ model: "gpt-5", input: "Hi" })).output_text).toBe("Hello from mock: Hi");
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`${mock.origin}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ model: "m", messages: [] }) });
    expect((await post("/openai/v1/chat/completions", { authorization: "Bearer mock-key" })).status).toBe(401);
    expect((await post("/openai/v1/chat/completions", { "api-key": "wrong" })).status).toBe(401);
    expect((await post("/openai/deployments/d/chat/completions", { "api-key": "mock-key" })).status).toBe(404);
    expect((await post("/v1/chat/completions", { "api-key": "mock-key" })).status).toBe(401);
  });
});
