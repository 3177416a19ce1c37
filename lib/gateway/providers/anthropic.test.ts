import { describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { fixtureJson } from "@/lib/gateway/fixture-files";
import { anthropicRequestToChat } from "@/lib/gateway/formats/anthropic-to-chat";
import { anthropicHeaders, anthropicUrl, chatRequestToAnthropic } from "@/lib/gateway/providers/anthropic";

const chatRequest = fixtureJson("providers/fixtures/chat-request-tools-images.json");

function anthropicOf(chat: unknown, maxTokens = 64000): Json {
  const out = chatRequestToAnthropic(chat, "claude-sonnet-4-6-upstream", maxTokens);
  if (!out.ok) throw new Error(`${out.param}: ${out.message}`);
  return out.value;
}

const ask = (extra: Json = {}) => ({ model: "m", messages: [{ role: "user", content: "Hi" }], ...extra });

describe("chatRequestToAnthropic", () => {
  it("converts an OpenAI SDK request with images, parallel tool calls and a late developer message", () => {
    const body = anthropicOf(chatRequest);
    expect(body).toMatchObject({
      model: "claude-sonnet-4-6-upstream",
      max_tokens: 64000,
      stream: true,
      stop_sequences: ["END"],
      metadata: { user_id: "user-1234" },
      system: [
        { type: "text", text: "You are a weather assistant." },
        { type: "text", text: "Answer in French." },
      ],
      tool_choice: { type: "auto", disable_parallel_tool_use: true },
    });
    expect(body.stream_options).toBeUndefined();
    expect(body.temperature).toBeUndefined();
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture, and the weather and time in Paris?" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: expect.stringMatching(/^iVBORw0KGgo/) } },
          { type: "image", source: { type: "url", url: "https://example.com/photos/eiffel.jpg" } },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "call_Kx81VqIb0Qz8cFZ6u2pWm1aa", name: "get_weather", input: { city: "Paris", unit: "c" } },
          { type: "tool_use", id: "call_T3mQ0yJ6nB2vL9dR4sE7hX5c", name: "get_time", input: { timezone: "Europe/Paris" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_Kx81VqIb0Qz8cFZ6u2pWm1aa", content: '{"temperature":15,"sky":"cloudy"}' },
          { type: "tool_result", tool_use_id: "call_T3mQ0yJ6nB2vL9dR4sE7hX5c", content: "14:05" },
          { type: "text", text: "Et alors ?" },
        ],
      },
    ]);
    expect(body.tools).toEqual([
      {
        name: "get_weather",
        description: "Current weather for a city.",
        input_schema: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } }, required: ["city"], additionalProperties: false },
      },
      { name: "get_time", description: "Current local time in a time zone.", input_schema: { type: "object", properties: { timezone: { type: "string" } }, required: ["timezone"] } },
    ]);
  });

  it("round-trips a Claude Code request through chat: tool ids, parallel calls, thinking signature", () => {
    const original = fixtureJson("formats/fixtures/anthropic-request-claude-code.json");
    const viaChat = anthropicRequestToChat(original);
    if (!viaChat.ok) throw new Error(viaChat.message);
    const back = anthropicOf(viaChat.value);
    const messages = original.messages as Json[];
    // The assistant turn comes back block for block.
    expect((back.messages as Json[])[1]).toEqual(messages[1]);
    const results = ((back.messages as Json[])[2].content as Json[]).filter((b) => b.type === "tool_result");
    expect(results.map((r) => r.tool_use_id)).toEqual(["toolu_01A09q90qw90lq917835lq9", "toolu_01Bq8xWnSp5d3fKj2VtRz7Lm"]);
    expect(back.max_tokens).toBe(32000);
    expect(back.thinking).toEqual({ type: "enabled", budget_tokens: 8192 });
    expect(back.temperature).toBeUndefined();
    expect((back.system as Json[]).map((b) => b.text)).toEqual([
      expect.stringContaining("You are Claude Code"),
      "The user switched to plan mode: do not edit files.",
    ]);
  });

  it("maps tool_choice and leaves it out without tools", () => {
    const tools = [{ type: "function", function: { name: "f" } }];
    expect(anthropicOf(ask({ tools, tool_choice: "required" })).tool_choice).toEqual({ type: "any" });
    expect(anthropicOf(ask({ tools, tool_choice: "none" })).tool_choice).toEqual({ type: "none" });
    expect(anthropicOf(ask({ tools, tool_choice: { type: "function", function: { name: "f" } } })).tool_choice).toEqual({ type: "tool", name: "f" });
    expect(anthropicOf(ask({ tools })).tool_choice).toBeUndefined();
    expect(anthropicOf(ask({ tools })).tools).toEqual([{ name: "f", input_schema: { type: "object", properties: {} } }]);
    expect(anthropicOf(ask({ tool_choice: "required" })).tool_choice).toBeUndefined();
  });

  it("fills max_tokens, sizes the thinking budget under it, keeps a forced tool without thinking, drops sampling", () => {
    expect(anthropicOf(ask()).max_tokens).toBe(64000);
    expect(anthropicOf(ask({ max_tokens: 50 })).max_tokens).toBe(50);
    expect(anthropicOf(ask({ max_completion_tokens: 4000, reasoning_effort: "high" })).thinking).toEqual({ type: "enabled", budget_tokens: 3999 });
    expect(anthropicOf(ask({ max_tokens: 900, reasoning_effort: "low" })).thinking).toBeUndefined();
    const forced = anthropicOf(ask({ reasoning_effort: "medium", tools: [{ type: "function", function: { name: "f" } }], tool_choice: "required" }));
    expect(forced.thinking).toBeUndefined();
    const sampled = anthropicOf(ask({ temperature: 0.2, top_p: 0.5 }));
    expect([sampled.temperature, sampled.top_p]).toEqual([undefined, undefined]);
  });

  it("sends reasoning back only with its signature, merges same-role turns and skips empty text", () => {
    const body = anthropicOf({
      model: "m",
      messages: [
        { role: "user", content: "a" },
        { role: "user", content: [{ type: "text", text: "" }, { type: "text", text: "b" }] },
        { role: "assistant", content: "x", reasoning_content: "unsigned thoughts" },
        { role: "assistant", content: "y", reasoning_content: "signed", reasoning_signature: "sig" },
      ],
    });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "a" }, { type: "text", text: "b" }] },
      { role: "assistant", content: [{ type: "text", text: "x" }, { type: "thinking", thinking: "signed", signature: "sig" }, { type: "text", text: "y" }] },
    ]);
  });

  it("sends PDFs as documents, JSON schemas as output_config and rewrites tool ids Anthropic would refuse", () => {
    const body = anthropicOf({
      model: "m",
      response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" } } },
      messages: [
        { role: "user", content: [{ type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBERi0x" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "functions.get:0", type: "function", function: { name: "get", arguments: "" } }] },
        { role: "tool", tool_call_id: "functions.get:0", content: [{ type: "text", text: "done" }] },
      ],
    });
    expect(body.output_config).toEqual({ format: { type: "json_schema", schema: { type: "object" } } });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0x" } }] },
      { role: "assistant", content: [{ type: "tool_use", id: "functions_get_0", name: "get", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "functions_get_0", content: [{ type: "text", text: "done" }] }] },
    ]);
  });

  it("refuses what Anthropic cannot take, naming the field", () => {
    const refused = (chat: unknown) => chatRequestToAnthropic(chat, "u", 100);
    expect(refused(ask({ n: 2 }))).toMatchObject({ ok: false, code: "invalid_request", param: "n" });
    expect(refused(ask({ tools: [{ type: "web_search" }] }))).toMatchObject({ ok: false, param: "tools[0].type" });
    const badArgs = { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "[1]" } }] };
    expect(refused({ model: "m", messages: [badArgs] })).toMatchObject({ ok: false, param: "messages[0].tool_calls[0].function.arguments" });
    expect(refused({ model: "m", messages: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] })).toMatchObject({
      param: "messages[0].content[0].type",
    });
    expect(refused({ model: "m", messages: [{ role: "user", content: [{ type: "file", file: { file_id: "file-1" } }] }] })).toMatchObject({
      param: "messages[0].content[0].file",
    });
    expect(refused({ model: "m", messages: [{ role: "function", content: "x" }] })).toMatchObject({ param: "messages[0].role" });
    expect(refused({ model: "m" })).toMatchObject({ param: "messages" });
    expect(refused("nope")).toMatchObject({ param: "body" });
  });
});

describe("anthropic URL and headers", () => {
  it("appends /messages to a base URL ending in /v1", () => {
    expect(anthropicUrl("https://api.anthropic.com/v1")).toBe("https://api.anthropic.com/v1/messages");
    expect(anthropicUrl("https://api.anthropic.com/v1/", "count_tokens")).toBe("https://api.anthropic.com/v1/messages/count_tokens");
  });

  it("sends x-api-key and a version, merges client and channel betas, and lets channel headers through", () => {
    expect(anthropicHeaders("sk-ant")).toEqual({ "content-type": "application/json", "x-api-key": "sk-ant", "anthropic-version": "2023-06-01" });
    const headers = anthropicHeaders(
      "sk-ant",
      { version: "2023-01-01", beta: "interleaved-thinking-2025-05-14, context-1m-2025-08-07" },
      { "Anthropic-Beta": "context-1m-2025-08-07", "X-Team": "blue", "x-api-key": "ignored" },
    );
    expect(headers).toEqual({
      "content-type": "application/json",
      "x-api-key": "sk-ant",
      "anthropic-version": "2023-01-01",
      "anthropic-beta": "context-1m-2025-08-07,interleaved-thinking-2025-05-14",
      "x-team": "blue",
    });
    expect(anthropicHeaders("k", { version: "2023-01-01" }, { "anthropic-version": "2024-02-02" })["anthropic-version"]).toBe("2024-02-02");
  });
});
