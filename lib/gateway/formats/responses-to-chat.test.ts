import { describe, expect, it } from "vitest";
import type { ChatRequest, Json } from "@/lib/gateway/chat";
import { fixtureJson } from "@/lib/gateway/fixture-files";
import { responsesRequestToChat } from "@/lib/gateway/formats/responses-to-chat";

const codex = fixtureJson("formats/fixtures/responses-request-codex.json");

function chatOf(body: unknown): ChatRequest {
  const out = responsesRequestToChat(body);
  if (!out.ok) throw new Error(`${out.param}: ${out.message}`);
  return out.value;
}

const ask = (extra: Json = {}) => ({ model: "gpt-5", input: "Hi", ...extra });

describe("responsesRequestToChat", () => {
  it("converts a Codex turn: instructions, reasoning with encrypted content, parallel calls, outputs, images", () => {
    const chat = chatOf(codex);
    expect(chat).toMatchObject({
      model: "gpt-5-codex",
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: "medium",
      tool_choice: "auto",
      parallel_tool_calls: false,
      prompt_cache_key: "0199a3f2-5c1e-7d20-b8a4-2f6e9c0d1b37",
    });
    expect(chat.store).toBeUndefined();
    expect(chat.include).toBeUndefined();
    expect(chat.messages.map((m) => m.role)).toEqual(["system", "user", "user", "assistant", "tool", "tool", "assistant", "user"]);
    expect(chat.messages[0].content).toMatch(/^You are Codex/);
    expect(chat.messages[2]).toEqual({ role: "user", content: [{ type: "text", text: "List the files here." }] });
    expect(chat.messages[3]).toEqual({
      role: "assistant",
      content: null,
      reasoning_content: "**Listing the directory**\n\nI will run ls.",
      reasoning_signature: "gAAAAABo9x2kQ3n1Yx0Wm8aZcL4s7J1uB0vTqf3hR6pNe2dKj5yXo9AiUw==",
      tool_calls: [
        { id: "call_Xq3Lr8tN2vW6yB1cD4eF7gH9", type: "function", function: { name: "shell", arguments: expect.stringContaining('"ls","-la"') } },
        { id: "call_Pm5Kj2Hs8Tz1Qw4Ev7Ry0Ub3", type: "function", function: { name: "update_plan", arguments: expect.stringContaining("List files") } },
      ],
    });
    expect(chat.messages[4]).toMatchObject({ role: "tool", tool_call_id: "call_Xq3Lr8tN2vW6yB1cD4eF7gH9", content: expect.stringContaining("README.md") });
    expect(chat.messages[5]).toEqual({ role: "tool", tool_call_id: "call_Pm5Kj2Hs8Tz1Qw4Ev7Ry0Ub3", content: "Plan updated" });
    expect(chat.messages[6]).toEqual({ role: "assistant", content: "There is one file: README.md." });
    expect(chat.messages[7].content).toEqual([
      { type: "text", text: "And what is in this image?" },
      { type: "image_url", image_url: { url: expect.stringMatching(/^data:image\/png;base64,/), detail: "auto" } },
    ]);
    expect(chat.tools).toEqual([
      {
        type: "function",
        function: { name: "shell", description: "Runs a shell command and returns its output.", parameters: (codex.tools as Json[])[0].parameters, strict: false },
      },
      {
        type: "function",
        function: { name: "update_plan", description: "Updates the task plan.", parameters: (codex.tools as Json[])[1].parameters, strict: false },
      },
    ]);
  });

  it("puts a function call after assistant text in the same turn, and images from tool output in a user message", () => {
    const chat = chatOf({
      model: "m",
      input: [
        { role: "developer", content: "Be brief." },
        { role: "assistant", content: "Let me look." },
        { type: "function_call", call_id: "c1", name: "look", arguments: "{}" },
        {
          type: "function_call_output",
          call_id: "c1",
          output: [
            { type: "input_text", text: "a screenshot" },
            { type: "input_image", image_url: "https://example.com/s.png" },
          ],
        },
      ],
    });
    expect(chat.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "assistant", content: "Let me look.", tool_calls: [{ id: "c1", type: "function", function: { name: "look", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "c1", content: "a screenshot" },
      { role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/s.png" } }] },
    ]);
  });

  it("maps limits, sampling, tool choice and structured output", () => {
    const schema = { type: "object", properties: { a: { type: "string" } } };
    const chat = chatOf(
      ask({
        max_output_tokens: 500,
        temperature: 0.3,
        top_p: 0.8,
        safety_identifier: "u-1",
        tool_choice: { type: "function", name: "f" },
        text: { format: { type: "json_schema", name: "answer", schema, strict: true }, verbosity: "low" },
      }),
    );
    expect(chat).toMatchObject({
      max_completion_tokens: 500,
      temperature: 0.3,
      top_p: 0.8,
      user: "u-1",
      tool_choice: { type: "function", function: { name: "f" } },
      response_format: { type: "json_schema", json_schema: { name: "answer", schema, strict: true } },
    });
    expect(chat.messages).toEqual([{ role: "user", content: "Hi" }]);
    expect(chatOf(ask({ text: { format: { type: "json_object" } } })).response_format).toEqual({ type: "json_object" });
    expect(chatOf(ask({ text: { format: { type: "text" } } })).response_format).toBeUndefined();
    expect(chatOf(ask({ input_file: 1, store: true, include: ["x"], truncation: "auto" })).stream).toBeUndefined();
  });

  it("refuses what needs OpenAI, naming the field", () => {
    expect(responsesRequestToChat(ask({ previous_response_id: "resp_1" }))).toMatchObject({
      ok: false,
      code: "invalid_request",
      param: "previous_response_id",
    });
    expect(responsesRequestToChat(ask({ conversation: "conv_1" }))).toMatchObject({ ok: false, param: "conversation" });
    expect(responsesRequestToChat(ask({ background: true }))).toMatchObject({ ok: false, param: "background" });
    expect(responsesRequestToChat(ask({ tools: [{ type: "web_search" }] }))).toMatchObject({ ok: false, param: "tools[0].type" });
    expect(responsesRequestToChat(ask({ tools: [{ type: "custom", name: "apply_patch" }] }))).toMatchObject({ ok: false, param: "tools[0].type" });
    expect(responsesRequestToChat(ask({ tool_choice: { type: "web_search_preview" } }))).toMatchObject({ ok: false, param: "tool_choice.type" });
    const item = (value: unknown) => responsesRequestToChat(ask({ input: [value] }));
    expect(item({ type: "item_reference", id: "msg_1" })).toMatchObject({ ok: false, param: "input[0].type" });
    expect(item({ type: "local_shell_call", call_id: "c" })).toMatchObject({ ok: false, param: "input[0].type" });
    expect(item({ role: "user", content: [{ type: "input_image", file_id: "file-1" }] })).toMatchObject({ param: "input[0].content[0].file_id" });
    expect(item({ role: "user", content: [{ type: "input_file", file_url: "https://x" }] })).toMatchObject({ param: "input[0].content[0].file_id" });
    expect(item({ role: "user", content: [{ type: "input_audio" }] })).toMatchObject({ param: "input[0].content[0].type" });
    expect(item({ role: "critic", content: "x" })).toMatchObject({ param: "input[0].role" });
    expect(item({ type: "function_call", name: "f", arguments: "{}" })).toMatchObject({ param: "input[0].call_id" });
    expect(responsesRequestToChat(ask({ input: 42 }))).toMatchObject({ param: "input" });
  });
});
