import { describe, expect, it } from "vitest";
import type { ChatRequest } from "@/lib/gateway/chat";
import { fixtureJson, fixtureText, sseJson } from "@/lib/gateway/fixture-files";
import { anthropicRequestToChat } from "@/lib/gateway/formats/anthropic-to-chat";
import { openaiHeaders, openaiUrl, readChatChunk, toOpenaiChatRequest } from "@/lib/gateway/providers/openai";

describe("readChatChunk", () => {
  it("reads the delta, text, finish reason and usage of a chunk, whatever its shape", () => {
    const last = sseJson(fixtureText("formats/fixtures/openai-chat-stream-reasoning.sse")).at(-1)!;
    expect(readChatChunk(last)).toEqual({
      delta: { content: "", reasoning_content: null },
      text: "",
      finishReason: "stop",
      usage: { promptTokens: 21, completionTokens: 96, cachedTokens: 0, reasoningTokens: 81 },
    });
    expect(readChatChunk({ choices: [{ delta: { refusal: "No." } }] })).toMatchObject({ text: "No.", usage: null });
    expect(readChatChunk({ choices: [] })).toEqual({ delta: {}, text: "", finishReason: undefined, usage: null });
    expect(readChatChunk("[DONE]")).toBeNull();
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

describe("reasoning effort on converted requests", () => {
  it("goes to reasoning models and to unknown ones, not to OpenAI's GPT-4 and GPT-3.5 families, which refuse it", () => {
    const chat = (model: string) => ({ model, messages: [{ role: "user" as const, content: "hi" }], reasoning_effort: "low" });
    for (const model of ["o3", "gpt-5-mini", "deepseek-r1", "openai/o4-mini"]) expect(toOpenaiChatRequest(chat(model)), model).toHaveProperty("reasoning_effort", "low");
    for (const model of ["gpt-4o", "gpt-4.1-mini", "gpt-3.5-turbo", "openai/gpt-4o", "chatgpt-4o-latest"]) {
      expect(toOpenaiChatRequest(chat(model)), model).not.toHaveProperty("reasoning_effort");
    }
    expect(toOpenaiChatRequest({ model: "gpt-4o", messages: [] })).not.toHaveProperty("reasoning_effort");
  });

  it("leaves out the sampling OpenAI's reasoning models refuse, and keeps it for the others", () => {
    const chat = (model: string) => ({ model, messages: [], temperature: 0.5, top_p: 0.9 });
    for (const model of ["o3", "gpt-5", "openai/gpt-5-mini"]) {
      expect(toOpenaiChatRequest(chat(model)), model).not.toHaveProperty("temperature");
      expect(toOpenaiChatRequest(chat(model)), model).not.toHaveProperty("top_p");
    }
    expect(toOpenaiChatRequest({ ...chat("o3"), temperature: 1 })).toHaveProperty("temperature", 1);
    for (const model of ["gpt-4o", "llama-3.3-70b"]) expect(toOpenaiChatRequest(chat(model)), model).toMatchObject({ temperature: 0.5, top_p: 0.9 });
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
