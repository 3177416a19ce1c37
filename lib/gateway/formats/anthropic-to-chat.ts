import {
  convert,
  expectArray,
  expectObject,
  expectString,
  isObject,
  label,
  optionalInt,
  refuse,
  type ChatMessage,
  type ChatRequest,
  type ChatToolCall,
  type Json,
} from "@/lib/gateway/chat";
import type { Outcome } from "@/lib/gateway/types";

// An Anthropic Messages request in the internal chat form, for channels that are not Anthropic's.

/** Anthropic's `output_config.effort` as OpenAI's reasoning effort (which stops at high). */
const EFFORT: Record<string, string> = { low: "low", medium: "medium", high: "high" };

/** The thinking budget that reads as each OpenAI reasoning effort. */
function effortForBudget(budget: number): "low" | "medium" | "high" {
  return budget < 4096 ? "low" : budget < 16384 ? "medium" : "high";
}

/**
 * A Messages request as a chat request: `system` (top-level, or `system` messages anywhere) as
 * system messages in place, text, images and PDFs as content parts, `tool_use` as tool calls,
 * `tool_result` as tool messages, thinking as `reasoning_content` with its signature, tools,
 * tool_choice, stop sequences, thinking budget or `output_config.effort` as reasoning effort,
 * `output_config.format` as response_format. Anthropic-only blocks and
 * server tools (web search, code execution, …) cannot go elsewhere: 400 naming the field.
 */
export function anthropicRequestToChat(body: unknown): Outcome<ChatRequest> {
  return convert(() => {
    const req = expectObject(body, "body");
    const messages: ChatMessage[] = [];
    const system = systemText(req.system, "system");
    if (system !== "") messages.push({ role: "system", content: system });
    expectArray(req.messages, "messages").forEach((m, i) => messages.push(...convertMessage(m, `messages[${i}]`)));
    const chat: ChatRequest = { model: expectString(req.model, "model"), messages };
    const maxTokens = optionalInt(req.max_tokens, "max_tokens", 1);
    if (maxTokens !== undefined) chat.max_completion_tokens = maxTokens;
    if (req.stream === true) Object.assign(chat, { stream: true, stream_options: { include_usage: true } });
    if (typeof req.temperature === "number") chat.temperature = req.temperature;
    if (typeof req.top_p === "number") chat.top_p = req.top_p;
    if (req.stop_sequences !== undefined) chat.stop = expectArray(req.stop_sequences, "stop_sequences");
    if (req.tools !== undefined) chat.tools = expectArray(req.tools, "tools").map((t, i) => convertTool(t, `tools[${i}]`));
    if (req.tool_choice !== undefined) Object.assign(chat, convertToolChoice(req.tool_choice));
    const thinking = isObject(req.thinking) ? req.thinking : null;
    if (thinking?.type === "enabled" && typeof thinking.budget_tokens === "number") {
      chat.reasoning_effort = effortForBudget(thinking.budget_tokens);
    }
    const output = isObject(req.output_config) ? req.output_config : {};
    if (typeof output.effort === "string") chat.reasoning_effort = EFFORT[output.effort] ?? "high";
    if (isObject(output.format) && output.format.type === "json_schema") {
      const schema = expectObject(output.format.schema, "output_config.format.schema");
      chat.response_format = { type: "json_schema", json_schema: { name: "output", schema } };
    }
    return chat;
  });
}

function systemText(value: unknown, param: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return expectArray(value, param)
    .map((block, i) => {
      const b = expectObject(block, `${param}[${i}]`);
      if (b.type !== "text") refuse(`${param}[${i}].type`, "System content must be text blocks.");
      return expectString(b.text, `${param}[${i}].text`);
    })
    .join("\n\n");
}

function convertMessage(value: unknown, param: string): ChatMessage[] {
  const m = expectObject(value, param);
  if (m.role === "system") return [{ role: "system", content: systemText(m.content, `${param}.content`) }];
  if (m.role === "assistant") return [convertAssistant(m.content, `${param}.content`)];
  if (m.role === "user") return convertUser(m.content, `${param}.content`);
  return refuse(`${param}.role`, "'role' must be 'user', 'assistant' or 'system'.");
}

function convertUser(content: unknown, param: string): ChatMessage[] {
  if (typeof content === "string") return [{ role: "user", content }];
  const toolMessages: ChatMessage[] = [];
  const parts: Json[] = [];
  expectArray(content, param).forEach((value, j) => {
    const block = expectObject(value, `${param}[${j}]`);
    if (block.type === "tool_result") {
      const result = convertToolResult(block, `${param}[${j}]`);
      toolMessages.push(result.message);
      parts.push(...result.images);
    } else {
      parts.push(convertPart(block, `${param}[${j}]`));
    }
  });
  if (parts.length === 0) return toolMessages;
  // Chat wants tool messages right after the assistant's tool calls, so other content goes after them.
  const single = parts.length === 1 && parts[0].type === "text";
  return [...toolMessages, { role: "user", content: single ? (parts[0].text as string) : parts }];
}

function convertPart(block: Json, param: string): Json {
  if (block.type === "text") return { type: "text", text: expectString(block.text, `${param}.text`) };
  if (block.type === "image") return { type: "image_url", image_url: { url: sourceUrl(block.source, `${param}.source`) } };
  if (block.type === "document") {
    const source = expectObject(block.source, `${param}.source`);
    if (source.type === "text") return { type: "text", text: expectString(source.data, `${param}.source.data`) };
    if (source.type === "base64") {
      const filename = typeof block.title === "string" ? block.title : "document.pdf";
      return { type: "file", file: { filename, file_data: sourceUrl(source, `${param}.source`) } };
    }
    return refuse(`${param}.source.type`, "Only base64 and text documents can be sent to this model.");
  }
  return refuse(`${param}.type`, `Content blocks of type '${label(block.type)}' can be sent only to Anthropic models.`);
}

function sourceUrl(value: unknown, param: string): string {
  const source = expectObject(value, param);
  if (source.type === "base64") {
    return `data:${expectString(source.media_type, `${param}.media_type`)};base64,${expectString(source.data, `${param}.data`)}`;
  }
  if (source.type === "url") return expectString(source.url, `${param}.url`);
  return refuse(`${param}.type`, "Only base64 and url sources can be sent to this model.");
}

function convertToolResult(block: Json, param: string): { message: ChatMessage; images: Json[] } {
  const id = expectString(block.tool_use_id, `${param}.tool_use_id`);
  if (block.content === undefined || typeof block.content === "string") {
    return { message: { role: "tool", tool_call_id: id, content: block.content ?? "" }, images: [] };
  }
  const texts: string[] = [];
  const images: Json[] = [];
  expectArray(block.content, `${param}.content`).forEach((value, k) => {
    const part = convertPart(expectObject(value, `${param}.content[${k}]`), `${param}.content[${k}]`);
    if (part.type === "text") texts.push(part.text as string);
    else images.push(part);
  });
  return { message: { role: "tool", tool_call_id: id, content: texts.join("\n") }, images };
}

function convertAssistant(content: unknown, param: string): ChatMessage {
  if (typeof content === "string") return { role: "assistant", content };
  let text = "";
  let reasoning = "";
  let signature: string | undefined;
  const calls: ChatToolCall[] = [];
  expectArray(content, param).forEach((value, j) => {
    const block = expectObject(value, `${param}[${j}]`);
    if (block.type === "text") text += expectString(block.text, `${param}[${j}].text`);
    else if (block.type === "thinking") {
      reasoning += expectString(block.thinking, `${param}[${j}].thinking`);
      if (typeof block.signature === "string" && block.signature !== "") signature = block.signature;
    } else if (block.type === "tool_use") {
      const name = expectString(block.name, `${param}[${j}].name`);
      const args = JSON.stringify(block.input ?? {});
      calls.push({ id: expectString(block.id, `${param}[${j}].id`), type: "function", function: { name, arguments: args } });
    } else if (block.type !== "redacted_thinking") {
      // Redacted thinking is meaningful only to Anthropic, which this request is not going to.
      refuse(`${param}[${j}].type`, `Content blocks of type '${label(block.type)}' can be sent only to Anthropic models.`);
    }
  });
  const message: ChatMessage = { role: "assistant", content: text === "" && calls.length > 0 ? null : text };
  if (calls.length > 0) message.tool_calls = calls;
  if (reasoning !== "") message.reasoning_content = reasoning;
  if (signature !== undefined) message.reasoning_signature = signature;
  return message;
}

function convertTool(value: unknown, param: string): Json {
  const tool = expectObject(value, param);
  if (tool.type !== undefined && tool.type !== null && tool.type !== "custom") {
    refuse(`${param}.type`, `The server tool '${label(tool.type)}' is available only with Anthropic models.`);
  }
  const fn: Json = { name: expectString(tool.name, `${param}.name`) };
  if (typeof tool.description === "string") fn.description = tool.description;
  fn.parameters = isObject(tool.input_schema) ? tool.input_schema : { type: "object", properties: {} };
  return { type: "function", function: fn };
}

function convertToolChoice(value: unknown): Json {
  const choice = expectObject(value, "tool_choice");
  const parallel = choice.disable_parallel_tool_use === true ? { parallel_tool_calls: false } : {};
  if (choice.type === "auto") return { tool_choice: "auto", ...parallel };
  if (choice.type === "any") return { tool_choice: "required", ...parallel };
  if (choice.type === "none") return { tool_choice: "none" };
  if (choice.type === "tool") {
    const name = expectString(choice.name, "tool_choice.name");
    return { tool_choice: { type: "function", function: { name } }, ...parallel };
  }
  return refuse("tool_choice.type", "'tool_choice.type' must be 'auto', 'any', 'tool' or 'none'.");
}
