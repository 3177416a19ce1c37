import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { fixtureJson, fixtureText, serveReplies, sseJson } from "@/lib/gateway/fixture-files";
import { anthropicErrorBody, chatResponseToAnthropic } from "@/lib/gateway/formats/anthropic-response";
import { ChatToAnthropicStream } from "@/lib/gateway/formats/anthropic-stream";

// The official SDK reads what the converters write, over HTTP, exactly as Claude Code would.

type Reply = { status?: number; contentType: string; text: string };
let next: (body: Json) => Reply;
let server: Awaited<ReturnType<typeof serveReplies>>;
let client: Anthropic;

beforeAll(async () => {
  server = await serveReplies((body) => next(body));
  client = new Anthropic({ baseURL: server.url, apiKey: "sk-test", maxRetries: 0 });
});
afterAll(() => server.close());

function streamOf(fixture: string, finish: (w: ChatToAnthropicStream) => string = (w) => w.end()): Reply {
  const writer = new ChatToAnthropicStream({ model: "claude-sonnet-4-6", id: "gw_1", inputTokens: 118 });
  const chunks = sseJson(fixtureText(`formats/fixtures/${fixture}`), 13);
  return { contentType: "text/event-stream", text: chunks.map((c) => writer.push(c)).join("") + finish(writer) };
}

const params = { model: "claude-sonnet-4-6", max_tokens: 1024, messages: [{ role: "user" as const, content: "Paris?" }] };

describe("the Anthropic SDK reading converted output", () => {
  it("assembles a streamed message with parallel tool calls and parsed inputs", async () => {
    next = () => streamOf("openai-chat-stream-parallel-tools.sse");
    const stream = client.messages.stream(params);
    const partials: unknown[] = [];
    stream.on("inputJson", (_delta, snapshot) => partials.push(snapshot));
    const message = await stream.finalMessage();
    expect(message.id).toBe("msg_gw_1");
    expect(message.content).toEqual([
      { type: "tool_use", id: "call_Kx81VqIb0Qz8cFZ6u2pWm1aa", name: "get_weather", input: { city: "Paris", unit: "c" } },
      { type: "tool_use", id: "call_T3mQ0yJ6nB2vL9dR4sE7hX5c", name: "get_time", input: { timezone: "Europe/Paris" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toMatchObject({ input_tokens: 54, output_tokens: 52, cache_read_input_tokens: 64 });
    expect(partials.length).toBeGreaterThan(5);
    expect(server.requests.at(-1)).toMatchObject({ stream: true });
  });

  it("assembles thinking and text from a reasoning stream", async () => {
    next = () => streamOf("openai-chat-stream-reasoning.sse");
    const thinking: string[] = [];
    const stream = client.messages.stream(params).on("thinking", (delta) => thinking.push(delta));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([
      { type: "thinking", thinking: "The user asks for 17 × 23. 17×20=340, 17×3=51, total 391.", signature: "" },
      { type: "text", text: "17 × 23 = **391**." },
    ]);
    expect(thinking.join("")).toBe(message.content[0].type === "thinking" ? message.content[0].thinking : "");
    expect(await stream.finalText()).toBe("17 × 23 = **391**.");
  });

  it("iterates the raw events of messages.create({stream: true})", async () => {
    next = () => streamOf("openai-chat-stream-reasoning.sse");
    const types: string[] = [];
    for await (const event of await client.messages.create({ ...params, stream: true })) types.push(event.type);
    expect(types[0]).toBe("message_start");
    expect(types.slice(-2)).toEqual(["message_delta", "message_stop"]);
  });

  it("raises the upstream's error from an in-stream error event", async () => {
    next = () => streamOf("openai-chat-stream-reasoning.sse", (w) => w.fail(529, "upstream_error", "Overloaded"));
    const err = await client.messages
      .stream(params)
      .finalMessage()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe("overloaded_error");
  });

  it("reads a converted non-streamed message", async () => {
    next = () => ({
      contentType: "application/json",
      text: JSON.stringify(chatResponseToAnthropic(fixtureJson("formats/fixtures/openai-chat-completion-tools.json"), "claude-sonnet-4-6")),
    });
    const message = await client.messages.create(params);
    expect(message.content.map((b) => b.type)).toEqual(["text", "tool_use", "tool_use"]);
    expect(message.model).toBe("claude-sonnet-4-6");
  });

  it("maps error bodies to the SDK's error classes", async () => {
    const cases: [number, abstract new (...args: never[]) => Error][] = [
      [400, Anthropic.BadRequestError],
      [401, Anthropic.AuthenticationError],
      [403, Anthropic.PermissionDeniedError],
      [404, Anthropic.NotFoundError],
      [429, Anthropic.RateLimitError],
      [502, Anthropic.InternalServerError],
    ];
    for (const [status, errorClass] of cases) {
      next = () => ({ status, contentType: "application/json", text: JSON.stringify(anthropicErrorBody(status, `failed with ${status}`)) });
      const err = (await client.messages.create(params).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
      expect(err).toBeInstanceOf(errorClass);
      expect(err.message).toContain(`failed with ${status}`);
    }
  });
});
