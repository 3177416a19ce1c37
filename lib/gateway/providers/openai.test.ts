import { describe, expect, it } from "vitest";
import type { ChatRequest } from "@/lib/gateway/chat";
import { fixtureJson, fixtureText, sseJson } from "@/lib/gateway/fixture-files";
import { anthropicRequestToChat } from "@/lib/gateway/formats/anthropic-messages";
import { openaiHeaders, openaiUrl, openaiUsage, toOpenaiChatRequest } from "@/lib/gateway/providers/openai";

describe("openaiUsage", () => {
  it("reads chat bodies and stream chunks with cached and reasoning tokens", () => {
    expect(openaiUsage(fixtureJson("formats/fixtures/openai-chat-completion-tools.json").usage)).toEqual({
      promptTokens: 118,
      completionTokens: 57,
      cachedTokens: 64,
    });
    const last = sseJson(fixtureText("formats/fixtures/openai-chat-stream-reasoning.sse")).at(-1)!;
    expect(openaiUsage(last.usage)).toEqual({ promptTokens: 21, completionTokens: 96, reasoningTokens: 81 });
  });

  it("reads embeddings usage, which has no completion tokens", () => {
    expect(openaiUsage({ prompt_tokens: 8, total_tokens: 8 })).toEqual({ promptTokens: 8, completionTokens: 0 });
  });

  it("answers null for usage that is missing or not made of valid counts", () => {
    expect(openaiUsage(null)).toBeNull();
    expect(openaiUsage({ completion_tokens: 3 })).toBeNull();
    for (const bad of [-1, 2.5, "7", Number.POSITIVE_INFINITY, 2 ** 53, 1e300]) {
      expect(openaiUsage({ prompt_tokens: bad, completion_tokens: 1 })).toBeNull();
      expect(openaiUsage({ prompt_tokens: 1, completion_tokens: bad })).toBeNull();
    }
  });

  it("never lets a detail exceed its total", () => {
    const usage = { prompt_tokens: 10, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 50 }, completion_tokens_details: { reasoning_tokens: 9 } };
    expect(openaiUsage(usage)).toEqual({ promptTokens: 10, completionTokens: 4, cachedTokens: 10, reasoningTokens: 4 });
    expect(openaiUsage({ prompt_tokens: 10, completion_tokens: 4, prompt_tokens_details: { cached_tokens: -3 } })).toEqual({
      promptTokens: 10,
      completionTokens: 4,
    });
  });
});

describe("toOpenaiChatRequest", () => {
  it("removes the internal reasoning and signature fields OpenAI would reject, keeping everything else", () => {
    const converted = anthropicRequestToChat(fixtureJson("formats/fixtures/anthropic-request-claude-code.json"));
    if (!converted.ok) throw new Error(converted.message);
    const withGemini: ChatRequest = {
      ...converted.value,
      messages: [
        ...converted.value.messages,
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" }, extra_content: { google: { thought_signature: "s" } } }],
        },
      ],
    };
    const out = toOpenaiChatRequest(withGemini);
    const text = JSON.stringify(out);
    expect(text).not.toContain("reasoning_content");
    expect(text).not.toContain("reasoning_signature");
    expect(text).not.toContain("extra_content");
    expect(out.messages[2]).toMatchObject({ role: "assistant", content: expect.stringContaining("grey pixel"), tool_calls: [{}, {}] });
    expect(out.reasoning_effort).toBe("medium");
    expect(out.messages).toHaveLength(withGemini.messages.length);
    expect(converted.value.messages[2].reasoning_content).toBeDefined();
  });
});

describe("openai URL and headers", () => {
  it("appends the endpoint path to a base URL ending in /v1 and sends a bearer token", () => {
    expect(openaiUrl("https://api.openai.com/v1/", "/chat/completions")).toBe("https://api.openai.com/v1/chat/completions");
    expect(openaiHeaders("sk-up", { "OpenAI-Organization": "org-1" })).toEqual({
      "OpenAI-Organization": "org-1",
      "content-type": "application/json",
      authorization: "Bearer sk-up",
    });
  });
});
