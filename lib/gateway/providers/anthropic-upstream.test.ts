import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAnthropicMock, type AnthropicMock } from "@/e2e/mock-upstream/anthropic";
import type { ChatMessage, ChatRequest, Json } from "@/lib/gateway/chat";
import { assembleChat, replay, responseEvents } from "@/lib/gateway/fixture-files";
import { responsesRequestToChat } from "@/lib/gateway/formats/responses-to-chat";
import { ChatToResponsesStream } from "@/lib/gateway/formats/responses-stream";
import { anthropicHeaders, anthropicUrl, chatRequestToAnthropic } from "@/lib/gateway/providers/anthropic";
import { AnthropicToChatStream, anthropicResponseToChat } from "@/lib/gateway/providers/anthropic-response";
import { SseParser } from "@/lib/gateway/sse-parse";

// Whole conversations through the converters against the Anthropic mock, which checks what the
// real API checks: thinking signatures unchanged, every tool_use answered by a tool_result.

let mock: AnthropicMock;
beforeAll(async () => {
  mock = await startAnthropicMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function post(chat: unknown): Promise<Response> {
  const body = chatRequestToAnthropic(chat, "claude-haiku-4-5", 4096);
  if (!body.ok) throw new Error(`${body.param}: ${body.message}`);
  return fetch(anthropicUrl(mock.url), { method: "POST", headers: anthropicHeaders("mock-key"), body: JSON.stringify(body.value) });
}

/** One streamed call: the chat chunks the converter made, and the converter (usage, finished). */
async function streamTurn(chat: ChatRequest): Promise<{ chunks: Json[]; converter: AnthropicToChatStream }> {
  const res = await post({ ...chat, stream: true });
  expect(res.status).toBe(200);
  const converter = new AnthropicToChatStream({ model: "claude-via-gateway", id: "chatcmpl-1", created: 0, includeUsage: true });
  return { chunks: replay(converter, await responseEvents(res)), converter };
}

const tools = [
  { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } },
  { type: "function", function: { name: "get_time", parameters: { type: "object", properties: { tz: { type: "string" } }, required: ["tz"] } } },
];

describe("a chat client talking to an Anthropic channel", () => {
  it("gets parallel tool calls with a signed thinking block, and the next turn is accepted", async () => {
    const first: ChatRequest = { model: "m", messages: [{ role: "user", content: "Paris weather" }], tools, reasoning_effort: "low" };
    const { chunks, converter } = await streamTurn(first);
    const { message, finishReason } = assembleChat(chunks);
    expect(finishReason).toBe("tool_calls");
    expect(message.reasoning_content).toBe("Thinking about: Paris weather");
    expect(message.reasoning_signature).toEqual(expect.any(String));
    expect((message.tool_calls as Json[]).map((c) => (c.function as Json).name)).toEqual(["get_weather", "get_time"]);
    expect(converter.finished).toBe(true);
    const results = (message.tool_calls as Json[]).map((c): ChatMessage => ({ role: "tool", tool_call_id: c.id as string, content: "sunny" }));
    const second = { ...first, messages: [...first.messages, message as ChatMessage, ...results] };
    const res = await post(second);
    expect(res.status).toBe(200);
    const answer = anthropicResponseToChat(await res.json(), "m", 0).choices[0];
    expect(answer).toMatchObject({ finish_reason: "stop", message: { content: "Hello from mock: tool results: sunny sunny" } });
    // A changed signature is refused upstream, as Anthropic does: the signature really went back.
    const forged = { ...second, messages: [...first.messages, { ...(message as ChatMessage), reasoning_signature: "forged" }, ...results] };
    expect((await post(forged)).status).toBe(400);
  });

  it("reads cache reads and 5-minute and 1-hour writes into the usage", async () => {
    mock.setCache({ read: 6, write5m: 2, write1h: 1 });
    const { converter, chunks } = await streamTurn({ model: "m", messages: [{ role: "user", content: "A prompt long enough to hold cache counts." }] });
    expect(converter.usage).toMatchObject({ cachedTokens: 6, cacheWriteTokens: 2, cacheWrite1hTokens: 1 });
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: converter.usage!.promptTokens, prompt_tokens_details: { cached_tokens: 6 } });
  });
});

describe("Codex (Responses API) talking to an Anthropic channel", () => {
  it("keeps reasoning as encrypted content and function calls across turns", async () => {
    const functionTools = tools.map((t) => ({ type: "function", name: t.function.name, parameters: t.function.parameters }));
    const request = { model: "claude", input: "Paris weather", tools: functionTools, reasoning: { effort: "low" }, store: false, stream: true };
    const run = async (req: Json) => {
      const chat = responsesRequestToChat(req);
      if (!chat.ok) throw new Error(chat.message);
      const { chunks, converter } = await streamTurn(chat.value);
      const writer = new ChatToResponsesStream({ model: "claude", requestId: "r1", createdAt: 0, request: req });
      const text = chunks.map((c) => writer.push(c)).join("") + writer.end(converter.usage);
      return new SseParser().push(text).map((e) => JSON.parse(e.data) as Json);
    };
    const events = await run(request);
    const completed = events.at(-1)!;
    expect(completed.type).toBe("response.completed");
    const output = (completed.response as Json).output as Json[];
    expect(output.map((i) => i.type)).toEqual(["reasoning", "message", "function_call", "function_call"]);
    expect(output[0]).toMatchObject({ summary: [{ text: "Thinking about: Paris weather" }], encrypted_content: expect.any(String) });
    // Codex sends back the whole transcript (store: false), with the tool outputs.
    const outputs = output.filter((i) => i.type === "function_call").map((i) => ({ type: "function_call_output", call_id: i.call_id, output: "sunny" }));
    const next = await run({ ...request, input: [{ role: "user", content: "Paris weather" }, ...output, ...outputs] });
    const answer = ((next.at(-1)!.response as Json).output as Json[]).find((i) => i.type === "message")!;
    expect(answer.content).toEqual([expect.objectContaining({ text: "Hello from mock: tool results: sunny sunny" })]);
    expect((next.at(-1)!.response as Json).usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });
  });
});
