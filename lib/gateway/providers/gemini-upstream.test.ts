import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGeminiMock, type GeminiMock } from "@/e2e/mock-upstream/gemini";
import type { ChatMessage, ChatRequest, Json } from "@/lib/gateway/chat";
import { assembleChat, replay, responseEvents } from "@/lib/gateway/fixture-files";
import { anthropicRequestToChat } from "@/lib/gateway/formats/anthropic-to-chat";
import { ChatToAnthropicStream } from "@/lib/gateway/formats/anthropic-stream";
import { chatRequestToGemini, geminiHeaders, geminiUrl } from "@/lib/gateway/providers/gemini";
import { GeminiToChatStream, geminiResponseToChat } from "@/lib/gateway/providers/gemini-response";
import { SseParser } from "@/lib/gateway/sse-parse";

// Whole conversations through the converters against the Gemini mock, which checks what Gemini 3
// checks: the first function call of a turn keeps its thought signature, every call is answered.

let mock: GeminiMock;
beforeAll(async () => {
  mock = await startGeminiMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function post(chat: unknown, stream: boolean): Promise<Response> {
  const body = chatRequestToGemini(chat);
  if (!body.ok) throw new Error(`${body.param}: ${body.message}`);
  return fetch(geminiUrl(mock.url, "gemini-3-pro-preview", stream), { method: "POST", headers: geminiHeaders("mock-key"), body: JSON.stringify(body.value) });
}

async function streamTurn(chat: ChatRequest): Promise<{ chunks: Json[]; converter: GeminiToChatStream }> {
  const res = await post(chat, true);
  expect(res.status).toBe(200);
  const converter = new GeminiToChatStream({ model: "gemini-via-gateway", id: "chatcmpl-7", created: 0, includeUsage: true });
  return { chunks: replay(converter, await responseEvents(res)), converter };
}

const tools = [
  { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } },
  { type: "function", function: { name: "get_time", parameters: { type: "object", properties: { tz: { type: "string" } }, required: ["tz"] } } },
];

describe("a chat client talking to a Gemini channel", () => {
  it("gets parallel function calls whose thought signature makes the next turn valid", async () => {
    const first: ChatRequest = { model: "m", messages: [{ role: "user", content: "Paris weather" }], tools, reasoning_effort: "low" };
    const { chunks, converter } = await streamTurn(first);
    const { message, finishReason, usage } = assembleChat(chunks);
    expect(finishReason).toBe("tool_calls");
    expect(message.reasoning_content).toBe("Thinking about: Paris weather");
    const calls = message.tool_calls as Json[];
    expect(calls.map((c) => [c.id, (c.function as Json).name])).toEqual([
      ["call_chatcmpl-7_0", "get_weather"],
      ["call_chatcmpl-7_1", "get_time"],
    ]);
    expect(calls[0].extra_content).toEqual({ google: { thought_signature: expect.any(String) } });
    expect(converter.usage).toMatchObject({ reasoningTokens: expect.any(Number) });
    expect(usage).toMatchObject({ completion_tokens_details: { reasoning_tokens: converter.usage!.reasoningTokens } });
    const results = calls.map((c): ChatMessage => ({ role: "tool", tool_call_id: c.id as string, content: '{"ok":true}' }));
    const res = await post({ ...first, messages: [...first.messages, message as ChatMessage, ...results] }, false);
    expect(res.status).toBe(200);
    const answer = geminiResponseToChat(await res.json(), "m", "r2", 0).choices[0];
    expect(answer).toMatchObject({ finish_reason: "stop", message: { content: 'Hello from mock: tool results: {"ok":true} {"ok":true}' } });
    // A forged signature is refused upstream: the real one really went back.
    const forgedCall = { ...calls[0], extra_content: { google: { thought_signature: "x" } } };
    const forged = { ...message, tool_calls: [forgedCall, calls[1]] } as ChatMessage;
    expect((await post({ ...first, messages: [...first.messages, forged, ...results] }, false)).status).toBe(400);
  });

  it("reports cached content inside the prompt tokens", async () => {
    mock.setCachedTokens(3);
    const { converter } = await streamTurn({ model: "m", messages: [{ role: "user", content: "A prompt with some cached content in it." }] });
    expect(converter.usage).toMatchObject({ cachedTokens: 3, promptTokens: expect.any(Number) });
    expect(converter.finished).toBe(true);
  });
});

describe("Claude Code (Anthropic Messages) talking to a Gemini channel", () => {
  it("gets tool_use blocks, and its tool results are accepted although it kept no Gemini signature", async () => {
    const anthropicTools = tools.map((t) => ({ name: t.function.name, input_schema: t.function.parameters }));
    const request = { model: "gemini", max_tokens: 1024, stream: true, tools: anthropicTools, messages: [{ role: "user", content: "Paris weather" }] };
    const run = async (req: Json) => {
      const chat = anthropicRequestToChat(req);
      if (!chat.ok) throw new Error(chat.message);
      const { chunks, converter } = await streamTurn(chat.value);
      const writer = new ChatToAnthropicStream({ model: "gemini", id: "msg_1" });
      const text = chunks.map((c) => writer.push(c)).join("") + writer.end(converter.usage);
      return new SseParser().push(text).map((e) => JSON.parse(e.data) as Json);
    };
    const events = await run(request);
    const blocks = events.filter((e) => e.type === "content_block_start").map((e) => e.content_block as Json);
    expect(blocks.map((b) => [b.type, b.name])).toEqual([
      ["tool_use", "get_weather"],
      ["tool_use", "get_time"],
    ]);
    const inputs = blocks.map((b) => {
      const index = events.find((e) => e.type === "content_block_start" && (e.content_block as Json).id === b.id)!.index;
      const json = events.filter((e) => e.type === "content_block_delta" && e.index === index).map((e) => (e.delta as Json).partial_json);
      return JSON.parse(json.join(""));
    });
    expect(inputs).toEqual([{ city: "Paris weather" }, { tz: "Paris weather" }]);
    expect(events.find((e) => e.type === "message_delta")).toMatchObject({ delta: { stop_reason: "tool_use" } });
    const assistant = { role: "assistant", content: blocks.map((b, i) => ({ type: "tool_use", id: b.id, name: b.name, input: inputs[i] })) };
    const results = { role: "user", content: blocks.map((b) => ({ type: "tool_result", tool_use_id: b.id, content: "done" })) };
    const next = await run({ ...request, messages: [...request.messages, assistant, results] });
    const text = next.filter((e) => e.type === "content_block_delta").map((e) => (e.delta as Json).text).join("");
    expect(text).toBe('Hello from mock: tool results: {"result":"done"} {"result":"done"}');
  });
});
