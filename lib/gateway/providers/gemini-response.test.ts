import { describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { CHUNK_SIZES, assembleChat, fixtureJson, fixtureText, replay, sseEvents } from "@/lib/gateway/fixture-files";
import { GeminiToChatStream, geminiFinishReason, geminiResponseToChat, geminiUsage } from "@/lib/gateway/providers/gemini-response";

const response = fixtureJson("providers/fixtures/gemini-response-thinking-tools.json");
const streamText = fixtureText("providers/fixtures/gemini-stream-thinking-tools.sse");
const opts = { model: "client-model", id: "chatcmpl-g1", created: 1_753_900_000 };

function runStream(text: string, size: number, includeUsage = true) {
  const converter = new GeminiToChatStream({ ...opts, includeUsage });
  return { converter, chunks: replay(converter, sseEvents(text, size)) };
}

describe("geminiUsage", () => {
  it("counts thoughts as output and reasoning, and cached content inside the prompt", () => {
    expect(geminiUsage(response.usageMetadata)).toEqual({ promptTokens: 1250, completionTokens: 220, cachedTokens: 1024, reasoningTokens: 180 });
    expect(geminiUsage({ promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 3 })).toEqual({ promptTokens: 15, completionTokens: 3 });
    expect(geminiUsage({ promptTokenCount: 10 })).toEqual({ promptTokens: 10, completionTokens: 0 });
  });

  it("answers null for a missing prompt count or any invalid count", () => {
    expect(geminiUsage({ candidatesTokenCount: 3 })).toBeNull();
    for (const bad of [-1, 0.5, "3", null, 2 ** 53]) {
      expect(geminiUsage({ promptTokenCount: 10, candidatesTokenCount: bad })).toBeNull();
      expect(geminiUsage({ promptTokenCount: 10, thoughtsTokenCount: bad })).toBeNull();
    }
    expect(geminiUsage({ promptTokenCount: 10, cachedContentTokenCount: -4 })).toEqual({ promptTokens: 10, completionTokens: 0 });
    expect(geminiUsage({ promptTokenCount: Number.MAX_SAFE_INTEGER, toolUsePromptTokenCount: 2 })).toBeNull();
  });
});

describe("geminiResponseToChat", () => {
  it("turns thoughts, text and function calls into one assistant message with generated call ids", () => {
    expect(geminiResponseToChat(response, "client-model", "req5", 1_753_900_000)).toEqual({
      id: "kLJ2aOqHF5yW1MkPr8a2kAQ",
      object: "chat.completion",
      created: 1_753_900_000,
      model: "client-model",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Checking both for you.",
            reasoning_content: "**Planning the lookups**\n\nI need the weather and the time in Paris; both tools can run at once.",
            tool_calls: [
              {
                id: "call_req5_0",
                type: "function",
                function: { name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
                extra_content: { google: { thought_signature: expect.stringMatching(/^CiQB0e2K/) } },
              },
              { id: "call_req5_1", type: "function", function: { name: "get_time", arguments: '{"timezone":"Europe/Paris"}' } },
            ],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 1250,
        completion_tokens: 220,
        total_tokens: 1470,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 180 },
      },
    });
  });

  it("maps finish reasons and a blocked prompt", () => {
    expect(["STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "PROHIBITED_CONTENT", "MALFORMED_FUNCTION_CALL", "OTHER"].map((r) => geminiFinishReason(r, false))).toEqual([
      "stop",
      "length",
      "content_filter",
      "content_filter",
      "content_filter",
      "stop",
      "stop",
    ]);
    const blocked = geminiResponseToChat({ promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 8 } }, "m", "r", 0);
    expect(blocked.choices[0]).toMatchObject({ message: { content: "" }, finish_reason: "content_filter" });
    expect(blocked.usage).toMatchObject({ prompt_tokens: 8, completion_tokens: 0 });
    expect(geminiResponseToChat("nonsense", "m", "r", 0).choices[0].finish_reason).toBe("stop");
  });
});

describe("GeminiToChatStream", () => {
  it("streams the message the non-streamed answer gives, over CRLF events cut anywhere", () => {
    const expected = geminiResponseToChat(response, "client-model", "x", 0).choices[0].message;
    for (const size of CHUNK_SIZES) {
      const { converter, chunks } = runStream(streamText, size);
      const { message, finishReason, usage } = assembleChat(chunks);
      const calls = (message.tool_calls as Json[]).map((c) => ({ ...c, id: "" }));
      expect({ ...message, tool_calls: calls }).toEqual({
        ...expected,
        content: "Checking both for you — un instant 👋",
        tool_calls: expected.tool_calls!.map((c) => ({ ...c, id: "" })),
      });
      expect((message.tool_calls as Json[]).map((c) => c.id)).toEqual(["call_chatcmpl-g1_0", "call_chatcmpl-g1_1"]);
      expect(finishReason).toBe("tool_calls");
      expect(converter.finished).toBe(true);
      expect(converter.usage).toEqual({ promptTokens: 1250, completionTokens: 220, cachedTokens: 1024, reasoningTokens: 180 });
      expect(usage).toMatchObject({ prompt_tokens: 1250, completion_tokens: 220, completion_tokens_details: { reasoning_tokens: 180 } });
    }
  });

  it("sends one chunk per whole function call with its own index, and the finish reason once", () => {
    const { chunks } = runStream(streamText, Infinity, false);
    const deltas = chunks.map((c) => (c.choices as Json[])[0]);
    expect(deltas[0]).toMatchObject({ delta: { role: "assistant", content: "" } });
    const calls = deltas.flatMap((d) => ((d.delta as Json).tool_calls as Json[] | undefined) ?? []);
    expect(calls.map((c) => [c.index, (c.function as Json).name])).toEqual([
      [0, "get_weather"],
      [1, "get_time"],
    ]);
    expect(deltas.filter((d) => d.finish_reason !== null)).toHaveLength(1);
    expect(chunks.some((c) => c.usage)).toBe(false);
  });

  it("keeps a mid-stream error for the core and reports the answer unfinished", () => {
    const { converter, chunks } = runStream(fixtureText("providers/fixtures/gemini-stream-error.sse"), 7);
    expect(assembleChat(chunks).message.content).toBe("Once upon");
    expect(converter.error).toEqual({ code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" });
    expect(converter.finished).toBe(false);
  });
});
