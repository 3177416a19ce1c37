import { describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { CHUNK_SIZES, fixtureJson, fixtureText, sseEvents, sseJson } from "@/lib/gateway/fixture-files";
import { anthropicErrorBody, chatResponseToAnthropic } from "@/lib/gateway/formats/anthropic-response";
import { ChatToAnthropicStream } from "@/lib/gateway/formats/anthropic-stream";

const toolsStream = fixtureText("formats/fixtures/openai-chat-stream-parallel-tools.sse");
const reasoningStream = fixtureText("formats/fixtures/openai-chat-stream-reasoning.sse");

/** Runs chat chunks through the writer and parses what it wrote back into (event, data) pairs. */
function convert(chunks: Json[], end: (w: ChatToAnthropicStream) => string = (w) => w.end()): { event: string | null; data: Json }[] {
  const writer = new ChatToAnthropicStream({ model: "claude-client-name", id: "req_42" });
  const text = chunks.map((c) => writer.push(c)).join("") + end(writer);
  return sseEvents(text).map((e) => ({ event: e.event, data: JSON.parse(e.data) as Json }));
}

describe("ChatToAnthropicStream", () => {
  it("writes parallel tool calls as ordered tool_use blocks with input_json_delta, whatever the chunking", () => {
    const reference = convert(sseJson(toolsStream));
    for (const size of CHUNK_SIZES) expect(convert(sseJson(toolsStream, size))).toEqual(reference);
    expect(reference.map((e) => `${e.event}${"index" in e.data ? `:${e.data.index}` : ""}`)).toEqual([
      "message_start",
      "content_block_start:0",
      ...Array(9).fill("content_block_delta:0"),
      "content_block_stop:0",
      "content_block_start:1",
      ...Array(6).fill("content_block_delta:1"),
      "content_block_stop:1",
      "message_delta",
      "message_stop",
    ]);
    for (const e of reference) expect(e.data.type).toBe(e.event);
    expect(reference[0].data.message).toMatchObject({ id: "msg_req_42", model: "claude-client-name", role: "assistant", content: [] });
    expect(reference[1].data.content_block).toEqual({ type: "tool_use", id: "call_Kx81VqIb0Qz8cFZ6u2pWm1aa", name: "get_weather", input: {} });
    const json = (index: number) =>
      reference
        .filter((e) => e.event === "content_block_delta" && e.data.index === index)
        .map((e) => (e.data.delta as Json).partial_json)
        .join("");
    expect(JSON.parse(json(0))).toEqual({ city: "Paris", unit: "c" });
    expect(JSON.parse(json(1))).toEqual({ timezone: "Europe/Paris" });
    expect(reference.at(-2)!.data).toEqual({
      type: "message_delta",
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: { input_tokens: 54, output_tokens: 52, cache_read_input_tokens: 64, cache_creation_input_tokens: 0 },
    });
  });

  it("writes reasoning as a thinking block before the text, and ends the turn", () => {
    const events = convert(sseJson(reasoningStream, 7));
    const starts = events.filter((e) => e.event === "content_block_start").map((e) => e.data.content_block);
    expect(starts).toEqual([
      { type: "thinking", thinking: "", signature: "" },
      { type: "text", text: "" },
    ]);
    const deltas = events.filter((e) => e.event === "content_block_delta").map((e) => e.data.delta as Json);
    expect(deltas.filter((d) => d.type === "thinking_delta").map((d) => d.thinking).join("")).toBe(
      "The user asks for 17 × 23. 17×20=340, 17×3=51, total 391.",
    );
    expect(deltas.filter((d) => d.type === "text_delta").map((d) => d.text).join("")).toBe("17 × 23 = **391**.");
    expect(events.at(-2)!.data).toMatchObject({ delta: { stop_reason: "end_turn" }, usage: { input_tokens: 21, output_tokens: 96 } });
  });

  it("passes a thinking signature through as signature_delta", () => {
    const chunk = (delta: Json, finish: string | null = null) => ({ choices: [{ index: 0, delta, finish_reason: finish }] });
    const events = convert([chunk({ reasoning_content: "hmm" }), chunk({ reasoning_signature: "sig==" }), chunk({ content: "ok" }, "length")]);
    expect(events.map((e) => (e.data.delta as Json | undefined)?.type ?? e.event)).toEqual([
      "message_start",
      "content_block_start",
      "thinking_delta",
      "signature_delta",
      "content_block_stop",
      "content_block_start",
      "text_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[3].data).toEqual({ type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig==" } });
    expect((events.at(-2)!.data.delta as Json).stop_reason).toBe("max_tokens");
  });

  it("bills with the usage the core passes at the end, cache writes included", () => {
    const events = convert([], (w) => w.end({ promptTokens: 100, completionTokens: 5, cachedTokens: 60, cacheWriteTokens: 20, cacheWrite1hTokens: 10 }));
    expect(events.map((e) => e.event)).toEqual(["message_start", "message_delta", "message_stop"]);
    expect(events[1].data.usage).toEqual({
      input_tokens: 10,
      output_tokens: 5,
      cache_read_input_tokens: 60,
      cache_creation_input_tokens: 30,
      cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 10 },
    });
  });

  it("ends with an error event and writes nothing after it", () => {
    const writer = new ChatToAnthropicStream({ model: "m", id: "msg_1" });
    writer.push({ choices: [{ index: 0, delta: { content: "par" } }] });
    const text = writer.fail(529, "upstream_error", "Overloaded");
    expect(sseEvents(text)).toEqual([{ event: "error", data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' }]);
    expect(writer.end()).toBe("");
    expect(writer.push({ choices: [{ index: 0, delta: { content: "x" } }] })).toBe("");
  });

  it("streams a refusal as text", () => {
    const events = convert([{ choices: [{ index: 0, delta: { refusal: "I can't help with that." }, finish_reason: "content_filter" }] }]);
    expect(events[2].data.delta).toEqual({ type: "text_delta", text: "I can't help with that." });
    expect((events.at(-2)!.data.delta as Json).stop_reason).toBe("refusal");
  });

  it("ignores chunks that are not objects and choices without deltas", () => {
    const events = convert([null as unknown as Json, { choices: [] }, { choices: ["x"] }]);
    expect(events.map((e) => e.event)).toEqual(["message_start", "message_delta", "message_stop"]);
  });
});

describe("chatResponseToAnthropic", () => {
  it("writes text and parallel tool calls as a Messages object", () => {
    const out = chatResponseToAnthropic(fixtureJson("formats/fixtures/openai-chat-completion-tools.json"), "claude-client-name");
    expect(out).toEqual({
      id: "msg_BzQ8aP1kq9ZrT0dLw3eX2yU4",
      type: "message",
      role: "assistant",
      model: "claude-client-name",
      content: [
        { type: "text", text: "Checking both for you." },
        { type: "tool_use", id: "call_Kx81VqIb0Qz8cFZ6u2pWm1aa", name: "get_weather", input: { city: "Paris", unit: "c" } },
        { type: "tool_use", id: "call_T3mQ0yJ6nB2vL9dR4sE7hX5c", name: "get_time", input: { timezone: "Europe/Paris" } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 54, output_tokens: 57, cache_read_input_tokens: 64, cache_creation_input_tokens: 0 },
    });
  });

  it("keeps reasoning and its signature as a thinking block, and maps stop reasons", () => {
    const chat = (message: Json, finish_reason: string) => ({ id: "x", choices: [{ index: 0, message, finish_reason }] });
    const out = chatResponseToAnthropic(chat({ content: "42", reasoning_content: "think", reasoning_signature: "sig" }, "stop"), "m");
    expect(out.content).toEqual([
      { type: "thinking", thinking: "think", signature: "sig" },
      { type: "text", text: "42" },
    ]);
    expect(out.stop_reason).toBe("end_turn");
    expect(chatResponseToAnthropic(chat({ content: "4" }, "length"), "m").stop_reason).toBe("max_tokens");
    expect(chatResponseToAnthropic(chat({ content: null, refusal: "No." }, "content_filter"), "m")).toMatchObject({
      stop_reason: "refusal",
      content: [{ type: "text", text: "No." }],
    });
    const badArgs = chat({ content: null, tool_calls: [{ id: "c", function: { name: "f", arguments: "{trunc" } }] }, "tool_calls");
    expect(chatResponseToAnthropic(badArgs, "m").content).toEqual([{ type: "tool_use", id: "c", name: "f", input: {} }]);
    expect(chatResponseToAnthropic("garbage", "m")).toMatchObject({ content: [], usage: { input_tokens: 0, output_tokens: 0 } });
  });
});

describe("anthropicErrorBody", () => {
  it("has Anthropic's type for each status of the contract", () => {
    const types = [400, 401, 403, 404, 413, 429, 500, 502, 504, 529].map((s) => (anthropicErrorBody(s, "m").error as Json).type);
    expect(types).toEqual([
      "invalid_request_error",
      "authentication_error",
      "permission_error",
      "not_found_error",
      "request_too_large",
      "rate_limit_error",
      "api_error",
      "api_error",
      "api_error",
      "overloaded_error",
    ]);
    expect(anthropicErrorBody(401, "Invalid key")).toEqual({ type: "error", error: { type: "authentication_error", message: "Invalid key" } });
  });
});
