import { describe, expect, it } from "vitest";
import type { ChatRequest } from "@/lib/gateway/chat";
import { fixtureJson } from "@/lib/gateway/fixture-files";
import { anthropicRequestToChat } from "@/lib/gateway/formats/anthropic-to-chat";

const claudeCode = fixtureJson("formats/fixtures/anthropic-request-claude-code.json");

function chatOf(body: unknown): ChatRequest {
  const out = anthropicRequestToChat(body);
  if (!out.ok) throw new Error(`${out.param}: ${out.message}`);
  return out.value;
}

const minimal = { model: "claude-haiku-4-5", max_tokens: 100, messages: [{ role: "user", content: "Hi" }] };

describe("anthropicRequestToChat", () => {
  it("converts a Claude Code turn with thinking, images, parallel tools and a mid-conversation system message", () => {
    const chat = chatOf(claudeCode);
    expect(chat.model).toBe("claude-sonnet-4-5-20250929");
    expect(chat).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_completion_tokens: 32000, temperature: 1 });
    expect(chat.reasoning_effort).toBe("medium");
    expect(chat.tool_choice).toBe("auto");
    expect(chat.parallel_tool_calls).toBeUndefined();
    expect(chat.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool", "user", "system", "user"]);
    const [system, user, assistant, tool1, tool2, afterTools, midSystem, last] = chat.messages;
    expect(system.content).toBe(
      "You are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive CLI tool that helps users with software engineering tasks.",
    );
    expect(user.content).toEqual([
      { type: "text", text: expect.stringContaining("<system-reminder>") },
      { type: "text", text: "What is in this screenshot, and what is the weather and time in Paris?" },
      { type: "image_url", image_url: { url: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/) } },
      { type: "image_url", image_url: { url: "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg" } },
    ]);
    expect(assistant).toEqual({
      role: "assistant",
      content: "The screenshot is a single grey pixel. Let me look up Paris.",
      reasoning_content: "The screenshot shows a single pixel. I need the weather and the time, in parallel.",
      reasoning_signature: expect.stringMatching(/^EqQBCkgIBxAB/),
      tool_calls: [
        { id: "toolu_01A09q90qw90lq917835lq9", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' } },
        { id: "toolu_01Bq8xWnSp5d3fKj2VtRz7Lm", type: "function", function: { name: "get_time", arguments: '{"timezone":"Europe/Paris"}' } },
      ],
    });
    expect(tool1).toEqual({ role: "tool", tool_call_id: "toolu_01A09q90qw90lq917835lq9", content: "15°C, cloudy" });
    expect(tool2).toEqual({ role: "tool", tool_call_id: "toolu_01Bq8xWnSp5d3fKj2VtRz7Lm", content: "14:05" });
    // The tool result's image and the user's text follow the tool messages in one user message.
    expect(afterTools.content).toEqual([
      { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==" } },
      { type: "text", text: "Thanks." },
    ]);
    expect(midSystem).toEqual({ role: "system", content: "The user switched to plan mode: do not edit files." });
    expect(last).toEqual({ role: "user", content: "Summarize in one sentence." });
    expect(chat.tools).toEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Current weather for a city.",
          parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } }, required: ["city"] },
        },
      },
      {
        type: "function",
        function: {
          name: "get_time",
          description: "Current local time in a time zone.",
          parameters: { type: "object", properties: { timezone: { type: "string" } }, required: ["timezone"] },
        },
      },
    ]);
  });

  it("maps every tool_choice and parallel switch", () => {
    const tools = [{ name: "f", input_schema: { type: "object" } }];
    const choice = (tool_choice: unknown) => chatOf({ ...minimal, tools, tool_choice });
    expect(choice({ type: "any" }).tool_choice).toBe("required");
    expect(choice({ type: "none" }).tool_choice).toBe("none");
    expect(choice({ type: "tool", name: "f" }).tool_choice).toEqual({ type: "function", function: { name: "f" } });
    expect(choice({ type: "auto", disable_parallel_tool_use: true })).toMatchObject({ tool_choice: "auto", parallel_tool_calls: false });
    expect(anthropicRequestToChat({ ...minimal, tools, tool_choice: { type: "sometimes" } })).toMatchObject({ ok: false, param: "tool_choice.type" });
  });

  it("turns stop sequences, sampling and thinking budgets into chat fields", () => {
    const chat = chatOf({ ...minimal, stop_sequences: ["\n\nHuman:"], top_p: 0.9, top_k: 5, thinking: { type: "enabled", budget_tokens: 1024 } });
    expect(chat).toMatchObject({ stop: ["\n\nHuman:"], top_p: 0.9, reasoning_effort: "low", max_completion_tokens: 100 });
    expect(chat.top_k).toBeUndefined();
    expect(chat.stream).toBeUndefined();
    expect(chatOf({ ...minimal, thinking: { type: "enabled", budget_tokens: 32000 } }).reasoning_effort).toBe("high");
    expect(chatOf({ ...minimal, thinking: { type: "disabled" } }).reasoning_effort).toBeUndefined();
    const adaptive = { ...minimal, thinking: { type: "adaptive" } };
    expect(chatOf(adaptive).reasoning_effort).toBeUndefined();
    expect(chatOf({ ...adaptive, output_config: { effort: "medium" } }).reasoning_effort).toBe("medium");
    expect(chatOf({ ...adaptive, output_config: { effort: "max" } }).reasoning_effort).toBe("high");
  });

  it("asks for structured output as response_format", () => {
    const schema = { type: "object", properties: { a: { type: "string" } } };
    expect(chatOf({ ...minimal, output_config: { format: { type: "json_schema", schema } } }).response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "output", schema },
    });
    expect(anthropicRequestToChat({ ...minimal, output_config: { format: { type: "json_schema" } } })).toMatchObject({
      ok: false,
      param: "output_config.format.schema",
    });
  });

  it("keeps PDFs and text documents, and drops redacted thinking", () => {
    const chat = chatOf({
      ...minimal,
      messages: [
        {
          role: "user",
          content: [
            { type: "document", title: "spec.pdf", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0x" } },
            { type: "document", source: { type: "text", media_type: "text/plain", data: "plain words" } },
          ],
        },
        { role: "assistant", content: [{ type: "redacted_thinking", data: "EmwKAhgB" }, { type: "text", text: "ok" }] },
      ],
    });
    expect(chat.messages[0].content).toEqual([
      { type: "file", file: { filename: "spec.pdf", file_data: "data:application/pdf;base64,JVBERi0x" } },
      { type: "text", text: "plain words" },
    ]);
    expect(chat.messages[1]).toEqual({ role: "assistant", content: "ok" });
  });

  it("refuses what only Anthropic can serve, naming the field", () => {
    const withTool = (tool: unknown) => anthropicRequestToChat({ ...minimal, tools: [tool] });
    expect(withTool({ type: "web_search_20250305", name: "web_search" })).toMatchObject({
      ok: false,
      code: "invalid_request",
      param: "tools[0].type",
    });
    const block = (content: unknown) => anthropicRequestToChat({ ...minimal, messages: [{ role: "user", content }] });
    expect(block([{ type: "search_result", source: "x" }])).toMatchObject({ ok: false, param: "messages[0].content[0].type" });
    expect(block([{ type: "image", source: { type: "file", file_id: "file_1" } }])).toMatchObject({
      ok: false,
      param: "messages[0].content[0].source.type",
    });
    expect(block([{ type: "text" }])).toMatchObject({ ok: false, param: "messages[0].content[0].text" });
    expect(anthropicRequestToChat({ ...minimal, messages: [{ role: "tool", content: "x" }] })).toMatchObject({ param: "messages[0].role" });
    expect(anthropicRequestToChat({ ...minimal, system: [{ type: "image" }] })).toMatchObject({ param: "system[0].type" });
  });
});
