import { describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { CHUNK_SIZES, assembleChat, fixtureJson, fixtureText, replay, sseEvents } from "@/lib/gateway/fixture-files";
import { AnthropicToChatStream, anthropicResponseToChat, chatFinishReason } from "@/lib/gateway/providers/anthropic-response";

const message = fixtureJson("providers/fixtures/anthropic-message-thinking-tools.json");
const streamText = fixtureText("providers/fixtures/anthropic-stream-thinking-tools.sse");
const opts = { model: "client-model", id: "chatcmpl-gw1", created: 1_753_900_000 };

function runStream(text: string, size: number, includeUsage = true) {
  const converter = new AnthropicToChatStream({ ...opts, includeUsage });
  return { converter, chunks: replay(converter, sseEvents(text, size)) };
}

describe("anthropicResponseToChat", () => {
  it("turns thinking, text and parallel tool_use blocks into one assistant message", () => {
    const chat = anthropicResponseToChat(message, "client-model", 1_753_900_000);
    expect(chat).toEqual({
      id: "msg_01Aq9w938a90dw8q",
      object: "chat.completion",
      created: 1_753_900_000,
      model: "client-model",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Checking both for you.",
            reasoning_content: "The user wants the weather and the time in Paris. I can call both tools at once.",
            reasoning_signature: expect.stringMatching(/^EuYBCkQYAiJAgCs1/),
            tool_calls: [
              { id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' } },
              { id: "toolu_01Bq8xWnSp5d3fKj2VtRz7Lm", type: "function", function: { name: "get_time", arguments: '{"timezone":"Europe/Paris"}' } },
            ],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 25812,
        completion_tokens: 164,
        total_tokens: 25976,
        prompt_tokens_details: { cached_tokens: 24000 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it("maps every stop reason", () => {
    const reasons = ["end_turn", "stop_sequence", "pause_turn", "max_tokens", "model_context_window_exceeded", "tool_use", "refusal", undefined];
    expect(reasons.map(chatFinishReason)).toEqual(["stop", "stop", "stop", "length", "length", "tool_calls", "content_filter", "stop"]);
  });

  it("survives a body that is not a message", () => {
    expect(anthropicResponseToChat(null, "m", 0).choices[0]).toMatchObject({ message: { role: "assistant", content: "" }, finish_reason: "stop" });
  });
});

describe("AnthropicToChatStream", () => {
  it("streams the same message the non-streamed answer gives, however the bytes are cut", () => {
    const expected = anthropicResponseToChat(message, "client-model", 0).choices[0].message;
    for (const size of CHUNK_SIZES) {
      const { converter, chunks } = runStream(streamText, size);
      const assembled = assembleChat(chunks);
      // Anthropic streams the input JSON with its own spacing; parsed, it is the same input.
      const calls = (assembled.message.tool_calls as Json[]).map((c) => {
        const fn = c.function as Json;
        return { ...c, function: { ...fn, arguments: JSON.stringify(JSON.parse(fn.arguments as string)) } };
      });
      expect({ ...assembled.message, tool_calls: calls }).toEqual({ ...expected, content: "Checking both for you — un instant 👋" });
      expect(assembled.finishReason).toBe("tool_calls");
      expect(converter.finished).toBe(true);
      expect(converter.error).toBeNull();
      expect(converter.usage).toEqual({
        promptTokens: 25812,
        completionTokens: 164,
        cachedTokens: 24000,
        cacheWriteTokens: 1500,
        cacheWrite1hTokens: 300,
      });
      expect(assembled.usage).toMatchObject({ prompt_tokens: 25812, completion_tokens: 164, prompt_tokens_details: { cached_tokens: 24000 } });
    }
  });

  it("gives each tool_use block a stable tool call index in the order the blocks start", () => {
    const { chunks } = runStream(streamText, Infinity);
    const toolDeltas = chunks.flatMap((c) => ((c.choices as Json[])[0]?.delta as Json | undefined)?.tool_calls ?? []) as Json[];
    expect(toolDeltas[0]).toEqual({ index: 0, id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", type: "function", function: { name: "get_weather", arguments: "" } });
    expect(toolDeltas.filter((d) => d.id).map((d) => d.index)).toEqual([0, 1]);
    expect(toolDeltas.filter((d) => !d.id).map((d) => d.index)).toEqual([0, 0, 0, 1, 1]);
  });

  it("sends chunks in OpenAI's shape: the role first, the finish reason, then usage only when asked", () => {
    const { chunks } = runStream(streamText, 64, false);
    expect(chunks[0]).toEqual({
      id: "chatcmpl-gw1",
      object: "chat.completion.chunk",
      created: 1_753_900_000,
      model: "client-model",
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null, logprobs: null }],
    });
    expect((chunks.at(-1)!.choices as Json[])[0]).toMatchObject({ delta: {}, finish_reason: "tool_calls" });
    expect(chunks.some((c) => c.usage)).toBe(false);
    const withUsage = runStream(streamText, 64, true).chunks;
    expect(withUsage.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 25812 } });
  });

  it("keeps a mid-stream error for the core and reports the message unfinished", () => {
    const { converter, chunks } = runStream(fixtureText("providers/fixtures/anthropic-stream-overloaded.sse"), 3);
    expect(assembleChat(chunks).message.content).toBe("Once upon");
    expect(converter.error).toEqual({ type: "overloaded_error", message: "Overloaded" });
    expect(converter.finished).toBe(false);
  });

  it("ignores pings, unknown events and data that is not JSON", () => {
    const converter = new AnthropicToChatStream({ ...opts, includeUsage: true });
    expect(converter.push({ event: "ping", data: '{"type":"ping"}' })).toEqual([]);
    expect(converter.push({ event: "future_event", data: '{"type":"future_event"}' })).toEqual([]);
    expect(converter.push({ event: null, data: "{" })).toEqual([]);
    expect(converter.end()).toEqual([]);
  });
});
