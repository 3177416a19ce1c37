// Every inbound format against every channel type, through the running app, with the official SDKs
// as a user runs them: the Anthropic SDK on /v1/messages, the OpenAI SDK on chat, completions,
// embeddings and responses. One app, one mock per provider, one channel (and model) per type.
import Anthropic from "@anthropic-ai/sdk";
import type OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJson } from "../../lib/gateway/fixture-files";
import { thinkingSignature } from "../mock-upstream/anthropic-replies";
import { encryptedReasoning } from "../mock-upstream/responses-replies";
import type { RecordedRequest } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import { adminOf, newTokenOwner, openaiFor, rawV1, useProviderMocks } from "../support/relay-fixture";

type Kind = "openai" | "azure" | "azure-v1" | "anthropic" | "gemini";
type Row = { kind: Kind; model: string; upstream: string; openaiWire: boolean; path: (stream: boolean, endpoint: string) => string };

const ROWS: Row[] = [
  { kind: "openai", model: "via-openai", upstream: "gpt-5-mini", openaiWire: true, path: (_s, e) => `/v1/${e}` },
  {
    kind: "azure",
    model: "via-azure",
    upstream: "my-deployment",
    openaiWire: true,
    path: (_s, e) => (e === "responses" ? "/openai/responses?api-version=2025-04-01-preview" : `/openai/deployments/my-deployment/${e}?api-version=2025-04-01-preview`),
  },
  { kind: "azure-v1", model: "via-azure-v1", upstream: "gpt-5", openaiWire: true, path: (_s, e) => `/openai/v1/${e}` },
  { kind: "anthropic", model: "via-anthropic", upstream: "claude-sonnet-4-5", openaiWire: false, path: () => "/v1/messages" },
  {
    kind: "gemini",
    model: "via-gemini",
    upstream: "gemini-2.5-flash",
    openaiWire: false,
    path: (s) => `/v1beta/models/gemini-2.5-flash:${s ? "streamGenerateContent?alt=sse" : "generateContent"}`,
  },
];

let app: RunningApp;
const mocks = useProviderMocks();
let key: string;

beforeAll(async () => {
  app = await startApp();
  const admin = adminOf(app);
  for (const row of ROWS) {
    const model = await admin.post("/api/admin/models", { name: row.model, modelRatio: 1, completionRatio: 4, cacheRatio: 0.1, maxOutputTokens: 8192, contextWindow: 400_000 });
    expect(model.status, JSON.stringify(model.body)).toBe(201);
    const channel = {
      openai: { type: "openai", baseUrl: mocks.openai.url },
      azure: { type: "azure", baseUrl: mocks.openai.origin, apiVersion: "2025-04-01-preview" },
      "azure-v1": { type: "azure", baseUrl: `${mocks.openai.origin}/openai/v1` },
      anthropic: { type: "anthropic", baseUrl: mocks.anthropic.url },
      gemini: { type: "gemini", baseUrl: mocks.gemini.url },
    }[row.kind];
    const res = await admin.post("/api/admin/channels", {
      name: row.kind,
      apiKey: "mock-key",
      models: [row.model],
      modelMapping: { [row.model]: row.upstream },
      groups: ["default"],
      ...channel,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  key = (await newTokenOwner(app, admin)).key;
}, 120_000);

afterAll(() => app?.stop());

function requestsOf(row: Row): RecordedRequest[] {
  return row.kind === "anthropic" ? mocks.anthropic.requests : row.kind === "gemini" ? mocks.gemini.requests : mocks.openai.requests;
}

/** The one upstream request of the row's mock, after checking it went where the channel type says. */
function upstream(row: Row, stream: boolean, endpoint = "chat/completions"): RecordedRequest {
  const all = requestsOf(row);
  expect(all.length).toBeGreaterThan(0);
  const last = all.at(-1)!;
  expect(last.path).toBe(row.path(stream, endpoint));
  return last;
}

const anthropicClient = () => new Anthropic({ apiKey: key, baseURL: app.url, maxRetries: 0 });
const openai = () => openaiFor(app, key);

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const weatherSchema = { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] };

describe.each(ROWS)("$kind channel", (row) => {
  const { model } = row;

  it("chat completions: text, stream with usage, and a tool round trip", async () => {
    const client = openai();
    // A system message after the first turn, as recent Claude Code and agents send, must not break any provider.
    const history: OpenAI.ChatCompletionMessageParam[] = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello." },
      { role: "system", content: "The user is in Paris." },
      { role: "user", content: "Say hello" },
    ];
    const chat = await client.chat.completions.create({ model, messages: history });
    expect(chat.choices[0].message.content).toBe("Hello from mock: Say hello");
    expect(chat.model).toBe(model);
    expect(upstream(row, false).body).toMatchObject(row.kind === "azure" || row.kind === "gemini" ? {} : { model: row.upstream });

    const stream = await client.chat.completions.create({ model, stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "Say hello" }] });
    let text = "";
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? "";
      usage = c.usage ?? usage;
    }
    expect(text).toBe("Hello from mock: Say hello");
    expect(usage!.completion_tokens).toBeGreaterThan(0);
    upstream(row, true);

    const tools: OpenAI.ChatCompletionTool[] = [{ type: "function", function: { name: "get_weather", parameters: weatherSchema } }];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "Paris" }];
    const first = await client.chat.completions.stream({ model, messages, tools }).finalChatCompletion();
    expect(first.choices[0].finish_reason).toBe("tool_calls");
    const call = first.choices[0].message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Paris" });
    messages.push(first.choices[0].message, { role: "tool", tool_call_id: call.id, content: "sunny" });
    const second = await client.chat.completions.create({ model, messages, tools });
    expect(second.choices[0].message.content).toMatch(/^Hello from mock: tool results: .*sunny/);
  });

  it(row.openaiWire ? "completions and embeddings pass through" : "completions and embeddings answer a clear 400", async () => {
    const client = openai();
    const completion = () => client.completions.create({ model, prompt: "Once upon" });
    const embedding = () => client.embeddings.create({ model, input: "hello" });
    if (row.openaiWire) {
      expect((await completion()).choices[0].text).toBe("Hello from mock: Once upon");
      upstream(row, false, "completions");
      expect((await embedding()).data[0].embedding.length).toBeGreaterThan(0);
      upstream(row, false, "embeddings");
    } else {
      for (const [call, path] of [[completion, "/completions"], [embedding, "/embeddings"]] as const) {
        const err = await call().then(() => null, (e: unknown) => e as InstanceType<typeof import("openai").APIError>);
        expect(err?.status).toBe(400);
        expect(err?.message).toContain(`${path} endpoint is served only by OpenAI-compatible channels`);
        expect(err?.headers?.get("x-request-id")).toBeTruthy();
      }
      expect(requestsOf(row)).toHaveLength(0);
    }
  });

  it("messages (Anthropic SDK, x-api-key): text with an image, and stream", async () => {
    const client = anthropicClient();
    const image = { type: "image" as const, source: { type: "base64" as const, media_type: "image/png" as const, data: PNG } };
    const { data: msg, response } = await client.messages
      .create({ model, max_tokens: 200, system: "Be brief.", messages: [{ role: "user", content: [image, { type: "text", text: "Say hello" }] }] })
      .withResponse();
    expect(msg.content).toEqual([{ type: "text", text: "Hello from mock: Say hello" }]);
    expect(msg).toMatchObject({ model, role: "assistant", stop_reason: "end_turn" });
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    // The image reached the upstream in its own format.
    const sent = JSON.stringify(upstream(row, false).body);
    expect(sent).toContain(PNG);
    expect(sent).toContain(row.kind === "anthropic" ? '"media_type":"image/png"' : row.kind === "gemini" ? '"mimeType":"image/png"' : "data:image/png;base64,");

    const stream = client.messages.stream({ model, max_tokens: 200, messages: [{ role: "user", content: "Say hello" }] });
    const texts: string[] = [];
    stream.on("text", (t) => texts.push(t));
    const final = await stream.finalMessage();
    expect(texts.join("")).toBe("Hello from mock: Say hello");
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    upstream(row, true);
  });

  it("messages: thinking and a parallel tool round trip, streamed, the history sent back as the SDK gives it", async () => {
    const client = anthropicClient();
    const tools: Anthropic.Tool[] = [
      { name: "get_weather", description: "Weather", input_schema: weatherSchema },
      { name: "get_time", description: "Time", input_schema: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] } },
    ];
    const thinking = { type: "enabled" as const, budget_tokens: 1024 };
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: "Paris" }];
    const first = await client.messages.stream({ model, max_tokens: 4000, thinking, tools, messages }).finalMessage();
    expect(first.stop_reason).toBe("tool_use");
    const uses = first.content.filter((b) => b.type === "tool_use");
    expect(uses.map((u) => [u.name, u.input])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_time", { zone: "Paris" }],
    ]);
    const thought = first.content.find((b) => b.type === "thinking");
    if (row.kind === "anthropic" || row.kind === "gemini") {
      // Claude and Gemini show their thinking; OpenAI's reasoning models keep it to themselves.
      expect(thought?.thinking).toBe("Thinking about: Paris");
    }
    if (row.kind === "anthropic") expect(thought?.signature).toBeTruthy();
    messages.push(
      { role: "assistant", content: first.content },
      { role: "user", content: uses.map((u) => ({ type: "tool_result" as const, tool_use_id: u.id, content: `result of ${u.name}` })) },
    );
    // The upstream checks the history (signatures, one result per call) as the real provider does.
    const second = await client.messages.create({ model, max_tokens: 4000, thinking, tools, messages });
    const text = second.content.find((b) => b.type === "text");
    expect(text?.text).toMatch(/^Hello from mock: tool results: /);
    expect(second.stop_reason).toBe("end_turn");
    if (row.openaiWire) expect(upstream(row, false).body).toMatchObject({ reasoning_effort: expect.any(String) });
  });

  it("responses (OpenAI SDK): text stream and not, function tools round trip with reasoning", async () => {
    const client = openai();
    const res = await client.responses.create({ model, input: "Say hello", instructions: "Be brief." });
    expect(res.output_text).toBe("Hello from mock: Say hello");
    expect(res.usage!.input_tokens).toBeGreaterThan(0);
    upstream(row, false, "responses");

    const events = await client.responses.create({ model, input: "Say hello", stream: true });
    const seen: string[] = [];
    let text = "";
    let done: OpenAI.Responses.Response | null = null;
    for await (const e of events) {
      seen.push(e.type);
      if (e.type === "response.output_text.delta") text += e.delta;
      if (e.type === "response.completed") done = e.response;
    }
    expect(text).toBe("Hello from mock: Say hello");
    expect(seen[0]).toBe("response.created");
    expect(done?.usage?.output_tokens).toBeGreaterThan(0);
    upstream(row, true, "responses");

    // As Codex does: reasoning with its encrypted content, nothing stored, the whole history sent back.
    const tools: OpenAI.Responses.Tool[] = [{ type: "function", name: "get_weather", parameters: weatherSchema, strict: false }];
    const input: OpenAI.Responses.ResponseInputItem[] = [{ role: "user", content: "Paris" }];
    const params = { model, tools, store: false, reasoning: { effort: "low" as const }, include: ["reasoning.encrypted_content" as const] };
    const first = await (await client.responses.stream({ ...params, input })).finalResponse();
    const call = first.output.find((o) => o.type === "function_call");
    expect(call).toMatchObject({ name: "get_weather" });
    // Every provider here reasons; its item comes back with content to send back (Claude's signature, OpenAI's encryption).
    const reasoning = first.output.find((o) => o.type === "reasoning");
    expect(reasoning).toBeTruthy();
    if (row.kind !== "gemini") expect(reasoning?.encrypted_content).toBeTruthy();
    expect(JSON.parse(call!.arguments)).toEqual({ city: "Paris" });
    input.push(...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: "function_call_output", call_id: call!.call_id, output: "sunny" });
    const second = await client.responses.create({ ...params, input });
    expect(second.output_text).toMatch(/^Hello from mock: tool results: .*sunny/);
  });
});

describe.each(ROWS)("$kind channel: failures and counts", (row) => {
  const { model } = row;
  const fault = () => (row.kind === "anthropic" ? mocks.anthropic : row.kind === "gemini" ? mocks.gemini : mocks.openai);

  it("an upstream error mid-stream ends a Messages stream with Anthropic's error event and a Responses stream with an error event", async () => {
    fault().setFault({ type: "stream_error", afterChunks: 3, times: 1 });
    const stream = anthropicClient().messages.stream({ model, max_tokens: 200, messages: [{ role: "user", content: "Say hello to everyone here" }] });
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(String((err as Error).message)).toMatch(/overloaded|error|Overloaded/i);

    fault().setFault({ type: "stream_error", afterChunks: 3, times: 1 });
    const events = await openai().responses.create({ model, input: "Say hello to everyone here", stream: true });
    const types: string[] = [];
    const failed = await (async () => {
      for await (const e of events) types.push(e.type);
    })().catch((e: unknown) => e);
    expect(types).not.toContain("response.completed");
    expect(failed ?? types.find((t) => t === "error" || t === "response.failed")).toBeTruthy();
  });

  it(
    row.openaiWire
      ? "responses: stored state passes through (previous_response_id), an image reaches the upstream"
      : "responses: state kept by OpenAI answers a 400 naming the field; an image is converted",
    async () => {
      const client = openai();
      const image = { type: "input_image" as const, image_url: `data:image/png;base64,${PNG}`, detail: "auto" as const };
      const first = await client.responses.create({ model, input: [{ role: "user", content: [image, { type: "input_text", text: "Say hello" }] }] });
      expect(first.output_text).toBe("Hello from mock: Say hello");
      expect(JSON.stringify(upstream(row, false, "responses").body)).toContain(PNG);
      const next = client.responses.create({ model, input: "And again", previous_response_id: first.id });
      if (row.openaiWire) {
        expect((await next).output_text).toBe("Hello from mock: And again");
        expect(upstream(row, false, "responses").body).toMatchObject({ previous_response_id: first.id });
      } else {
        const err = (await next.then(
          () => null,
          (e: unknown) => e,
        )) as { status: number; param?: string; message: string } | null;
        expect(err).toMatchObject({ status: 400, param: "previous_response_id" });
        expect(err?.message).toContain("previous_response_id");
      }
    },
  );

  it("count_tokens answers a real count that grows with the prompt", async () => {
    const client = anthropicClient();
    const count = (text: string) => client.messages.countTokens({ model, messages: [{ role: "user", content: text }] });
    const short = await count("Say hello");
    const long = await count("Say hello ".repeat(50));
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 40);
  });
});

// Real sessions as recorded from Claude Code and Codex (history with thinking, parallel tool calls and
// their results, images, a system message mid-conversation), continued against every channel type.
// Signatures the recorded providers made are replaced by ones the mocks accept where the channel is
// the provider that made them; elsewhere the gateway has to cope with foreign ones.
describe.each(ROWS)("$kind channel: recorded sessions", (row) => {
  const { model } = row;

  it("a Claude Code request, streamed, ends with message_stop and the tool calls", async () => {
    const body = fixtureJson("formats/fixtures/anthropic-request-claude-code.json") as any;
    body.model = model;
    for (const m of body.messages) {
      for (const b of Array.isArray(m.content) ? m.content : []) if (b.type === "thinking" && row.kind === "anthropic") b.signature = thinkingSignature(b.thinking);
    }
    const res = await fetch(`${app.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01", "anthropic-beta": "interleaved-thinking-2025-05-14" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const events = text.split("\n").filter((l) => l.startsWith("event: ")).map((l) => l.slice(7));
    expect(events, text).not.toContain("error");
    expect(events.at(-1)).toBe("message_stop");
    if (row.kind === "gemini") {
      // Gemini takes the tool results and the user's text after them as one turn: the mock reads the results.
      expect(text).toContain('"stop_reason":"end_turn"');
      expect(text).toContain("15°C");
    } else {
      // Tools are offered and the last turn is the user's: the model calls them.
      expect(text).toContain('"stop_reason":"tool_use"');
      expect(text).toContain('"name":"get_weather"');
    }
    if (row.kind === "anthropic") expect(upstream(row, true).headers["anthropic-beta"]).toBe("interleaved-thinking-2025-05-14");
  });

  it("a Codex request, streamed, ends with response.completed and one function call", async () => {
    const body = fixtureJson("formats/fixtures/responses-request-codex.json") as any;
    body.model = model;
    for (const item of body.input) {
      if (item.type !== "reasoning") continue;
      const summary = item.summary.map((s: { text: string }) => s.text).join("\n\n");
      if (row.openaiWire) item.encrypted_content = encryptedReasoning(summary);
      if (row.kind === "anthropic") item.encrypted_content = thinkingSignature(summary);
    }
    const events = await openai().responses.create(body);
    const types: string[] = [];
    let done: OpenAI.Responses.Response | null = null;
    for await (const e of events as unknown as AsyncIterable<OpenAI.Responses.ResponseStreamEvent>) {
      types.push(e.type);
      if (e.type === "response.completed") done = e.response;
    }
    expect(types.at(-1)).toBe("response.completed");
    // parallel_tool_calls is false: one call, to the first tool (Gemini has no such switch: it may call both).
    const calls = done!.output.filter((o) => o.type === "function_call").map((o) => (o as { name: string }).name);
    expect(calls).toEqual(row.kind === "gemini" ? ["shell", "update_plan"] : ["shell"]);
  });
});

describe("Claude clients to OpenAI models: only the parameters each model takes", () => {
  it("answers: the reasoning effort OpenAI would refuse for GPT-4.1 is left out", async () => {
    const admin = adminOf(app);
    expect((await admin.post("/api/admin/models", { name: "via-gpt41", modelRatio: 1, maxOutputTokens: 4096, contextWindow: 100_000 })).status).toBe(201);
    const channel = await admin.post("/api/admin/channels", {
      name: "gpt41",
      type: "openai",
      baseUrl: mocks.openai.url,
      apiKey: "mock-key",
      models: ["via-gpt41"],
      modelMapping: { "via-gpt41": "gpt-4.1" },
      groups: ["default"],
    });
    expect(channel.status).toBe(201);
    const msg = await anthropicClient().messages.create({
      model: "via-gpt41",
      max_tokens: 2048,
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: "Say hello" }],
    });
    expect(msg.content).toEqual([{ type: "text", text: "Hello from mock: Say hello" }]);
    expect(mocks.openai.requests.at(-1)!.body).not.toHaveProperty("reasoning_effort");
  });

  it("an older Claude client's temperature, which OpenAI's reasoning models refuse, is left out for them", async () => {
    const body = JSON.stringify({ model: "via-openai", max_tokens: 200, temperature: 0.3, messages: [{ role: "user", content: "Say hello" }] });
    const res = await rawV1(app, "/messages", { headers: { "x-api-key": key, "anthropic-version": "2023-06-01" }, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.content).toEqual([{ type: "text", text: "Hello from mock: Say hello" }]);
    expect(mocks.openai.requests.at(-1)!.body).not.toHaveProperty("temperature");
  });
});

describe("authentication and errors in the client's format", () => {
  it("an Anthropic client with a wrong key gets Anthropic's error shape, 401, with x-request-id", async () => {
    const client = new Anthropic({ apiKey: "sk-wrong", baseURL: app.url, maxRetries: 0 });
    const err = await client.messages.create({ model: "via-anthropic", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(err.error).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    expect(err.headers.get("x-request-id")).toBeTruthy();
  });

  it("Claude Code's bearer token (ANTHROPIC_AUTH_TOKEN) works as well as x-api-key; count_tokens answers a real count", async () => {
    const client = new Anthropic({ authToken: key, apiKey: null, baseURL: app.url, maxRetries: 0 });
    const msg = await client.messages.create({ model: "via-gemini", max_tokens: 50, messages: [{ role: "user", content: "hi" }] });
    expect(msg.content[0]).toMatchObject({ type: "text" });
    const count = await client.messages.countTokens({ model: "via-anthropic", messages: [{ role: "user", content: "Say hello to the world" }] });
    expect(count.input_tokens).toBeGreaterThan(3);
  });

  it("an unknown model is Anthropic's not_found_error on /v1/messages and OpenAI's model_not_found on /v1/responses", async () => {
    const a = await anthropicClient().messages.create({ model: "nope", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(a).toBeInstanceOf(Anthropic.NotFoundError);
    expect(a.error).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    const r = await rawV1(app, "/responses", { key, body: JSON.stringify({ model: "nope", input: "hi" }) });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: "model_not_found" });
    expect(r.headers.get("x-request-id")).toBeTruthy();
  });

  it("an upstream's 400 reaches each client in its own format", async () => {
    mocks.anthropic.setFault({ type: "status", status: 400, message: "messages: too long", times: 2 });
    const a = await anthropicClient().messages.create({ model: "via-anthropic", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(a).toBeInstanceOf(Anthropic.BadRequestError);
    expect(a.error).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("too long") } });
    const o = await openai().chat.completions.create({ model: "via-anthropic", messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(o.status).toBe(400);
    expect(o.error).toMatchObject({ message: expect.stringContaining("too long") });
    expect(o.headers.get("x-request-id")).toBeTruthy();
  });
});
