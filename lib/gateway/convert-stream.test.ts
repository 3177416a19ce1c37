import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { ChatSseWriter, ConvertedStreamTap, OpenAiChatSource, type ChatSink, type ChatSource } from "@/lib/gateway/convert-stream";
import { CHUNK_SIZES, fixtureText, serveReplies, sseEvents } from "@/lib/gateway/fixture-files";
import { ChatToAnthropicStream } from "@/lib/gateway/formats/anthropic-stream";
import { ChatToResponsesStream } from "@/lib/gateway/formats/responses-stream";
import { AnthropicToChatStream } from "@/lib/gateway/providers/anthropic-response";
import { GeminiToChatStream } from "@/lib/gateway/providers/gemini-response";

const ANTHROPIC = fixtureText("providers/fixtures/anthropic-stream-thinking-tools.sse");
const GEMINI = fixtureText("providers/fixtures/gemini-stream-thinking-tools.sse");
const OPENAI = fixtureText("formats/fixtures/openai-chat-stream-parallel-tools.sse");
const base = { model: "client-model", id: "chatcmpl-t1", created: 1_753_900_000, includeUsage: true };

/** The tap's output for `upstream` fed in chunks of `size` bytes, then ended. */
function run(tap: ConvertedStreamTap, upstream: string, size = 7): string {
  const bytes = new TextEncoder().encode(upstream);
  const dec = new TextDecoder();
  let out = "";
  for (let at = 0; at < bytes.length; at += size) out += dec.decode(tap.push(bytes.subarray(at, at + size)) ?? new Uint8Array(), { stream: true });
  return out + dec.decode(tap.end() ?? new Uint8Array());
}

const tap = (source: ChatSource, sink: ChatSink) => new ConvertedStreamTap(source, sink, ["sk-secret-upstream-key"]);

let server: Awaited<ReturnType<typeof serveReplies>>;
let next: () => string;
beforeAll(async () => {
  server = await serveReplies(() => ({ contentType: "text/event-stream", text: next() }));
});
afterAll(() => server.close());

describe("ConvertedStreamTap", () => {
  it("gives an OpenAI SDK client an Anthropic channel's stream: thinking, text, parallel tool calls, usage", async () => {
    next = () => run(tap(new AnthropicToChatStream(base), new ChatSseWriter()), ANTHROPIC);
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "k", maxRetries: 0 });
    const stream = client.chat.completions.stream({ model: "client-model", messages: [{ role: "user", content: "x" }], stream_options: { include_usage: true } });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0].message.content).toBe("Checking both for you — un instant 👋");
    expect(final.choices[0].message.tool_calls!.map((c) => c.type === "function" && [c.id, JSON.parse(c.function.arguments)])).toEqual([
      ["toolu_01T1x1fJ34qAmk2tNTrN7Up6", { city: "Paris", unit: "c" }],
      ["toolu_01Bq8xWnSp5d3fKj2VtRz7Lm", { timezone: "Europe/Paris" }],
    ]);
    expect(final.choices[0].finish_reason).toBe("tool_calls");
    expect(final.usage).toMatchObject({ prompt_tokens: 25812, completion_tokens: 164, prompt_tokens_details: { cached_tokens: 24000 } });
  });

  it("gives Claude Code a Gemini channel's stream, as the Anthropic SDK assembles it", async () => {
    next = () => run(tap(new GeminiToChatStream(base), new ChatToAnthropicStream({ model: "client-model", id: "msg_t1" })), GEMINI, 3);
    const client = new Anthropic({ baseURL: server.url, apiKey: "k", maxRetries: 0 });
    const message = await client.messages.stream({ model: "client-model", max_tokens: 100, messages: [{ role: "user", content: "x" }] }).finalMessage();
    expect(message.content.map((b) => b.type)).toEqual(["thinking", "text", "tool_use", "tool_use"]);
    expect(message.content.filter((b) => b.type === "tool_use").map((b) => (b as Anthropic.ToolUseBlock).input)).toEqual([
      { city: "Paris", unit: "c" },
      { timezone: "Europe/Paris" },
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 226, cache_read_input_tokens: 1024, output_tokens: 220 });
  });

  it("gives a Responses client an OpenAI channel's stream, and counts usage and text for the core, however it is cut", () => {
    for (const size of CHUNK_SIZES.filter(Number.isFinite)) {
      const t = tap(new OpenAiChatSource(), new ChatToResponsesStream({ model: "m", requestId: "r", createdAt: 0 }));
      const events = sseEvents(run(t, OPENAI, size)).map((e) => JSON.parse(e.data) as Json);
      expect(events.at(-1)).toMatchObject({ type: "response.completed", response: { usage: { input_tokens: 118, output_tokens: 52 } } });
      expect(t.usage).toMatchObject({ promptTokens: 118, completionTokens: 52, cachedTokens: 64 });
      expect(t.text).toContain("get_weather");
      expect(t.upstreamError).toBeNull();
    }
  });

  it("ends the client's stream with its own error event when the upstream sends one, sanitized", () => {
    const overloaded = fixtureText("providers/fixtures/anthropic-stream-overloaded.sse").replace("Overloaded", "Overloaded for key sk-secret-upstream-key");
    const t = tap(new AnthropicToChatStream(base), new ChatSseWriter());
    const events = sseEvents(run(t, overloaded));
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ error: { message: "Overloaded for key ***", type: "upstream_error", param: null, code: "upstream_error" } });
    expect(t.upstreamError).toBe("Overloaded for key ***");
    expect(events.some((e) => e.data === "[DONE]")).toBe(false);
    expect(t.push(new TextEncoder().encode('event: ping\ndata: {"type":"ping"}\n\n'))).toBeNull();
  });

  it("reports a stream that stops short of its end as a failure", () => {
    const cut = ANTHROPIC.slice(0, ANTHROPIC.indexOf("event: message_delta"));
    const t = tap(new AnthropicToChatStream(base), new ChatToAnthropicStream({ model: "m", id: "msg_1" }));
    const events = sseEvents(run(t, cut));
    expect(events.at(-1)).toEqual({ event: "error", data: expect.stringContaining('"type":"api_error"') });
    expect(t.upstreamError).toMatch(/ended before the answer was complete/);
    const gemini = tap(new GeminiToChatStream(base), new ChatSseWriter());
    run(gemini, GEMINI.slice(0, GEMINI.lastIndexOf("data: ")));
    expect(gemini.upstreamError).not.toBeNull();
  });

  it("writes the sink's failure when the core reports the upstream broke off, once", () => {
    const t = tap(new OpenAiChatSource(), new ChatToResponsesStream({ model: "m", requestId: "r", createdAt: 0 }));
    t.push(new TextEncoder().encode(OPENAI.slice(0, 900)));
    const failure = sseEvents(new TextDecoder().decode(t.fail("upstream_timeout", "The upstream timed out.")!));
    expect(failure.map((e) => e.event)).toEqual(["error", "response.failed"]);
    expect(t.end()).toBeNull();
    expect(t.fail("upstream_error", "again")).toBeNull();
  });
});
