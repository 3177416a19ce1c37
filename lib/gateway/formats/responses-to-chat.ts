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
  type Json,
} from "@/lib/gateway/chat";
import type { Outcome } from "@/lib/gateway/types";

// A Responses API request in the internal chat form, for channels that do not serve that API.

/** Fields that need state kept by OpenAI: they cannot be served by another provider. */
const STATEFUL = ["previous_response_id", "conversation", "prompt", "background"] as const;

/**
 * A Responses request as a chat request: `instructions` and system/developer items as system
 * messages, `input` (a string or items: messages with input_text/input_image/input_file/output_text,
 * function_call and function_call_output, reasoning with its encrypted content) as messages,
 * function tools, tool_choice, reasoning effort, max_output_tokens, and `text.format` as
 * response_format. Stateful fields and built-in tools are refused, naming the field.
 */
export function responsesRequestToChat(body: unknown): Outcome<ChatRequest> {
  return convert(() => {
    const req = expectObject(body, "body");
    for (const field of STATEFUL) {
      if (req[field] !== undefined && req[field] !== null && req[field] !== false) {
        refuse(field, `'${field}' needs state kept by OpenAI; this model is served by another provider. Send the full input instead.`);
      }
    }
    const messages: ChatMessage[] = [];
    if (req.instructions !== undefined && req.instructions !== null) {
      messages.push({ role: "system", content: expectString(req.instructions, "instructions") });
    }
    if (typeof req.input === "string") messages.push({ role: "user", content: req.input });
    else new InputReader(messages).read(expectArray(req.input, "input"));
    const chat: ChatRequest = { model: expectString(req.model, "model"), messages };
    const maxTokens = optionalInt(req.max_output_tokens, "max_output_tokens", 1);
    if (maxTokens !== undefined) chat.max_completion_tokens = maxTokens;
    if (req.stream === true) Object.assign(chat, { stream: true, stream_options: { include_usage: true } });
    for (const key of ["temperature", "top_p", "parallel_tool_calls", "prompt_cache_key"] as const) {
      if (req[key] !== undefined && req[key] !== null) chat[key] = req[key];
    }
    const user = req.safety_identifier ?? req.user;
    if (typeof user === "string") chat.user = user;
    if (req.tools !== undefined && req.tools !== null) chat.tools = expectArray(req.tools, "tools").map((t, i) => tool(t, `tools[${i}]`));
    if (req.tool_choice !== undefined && req.tool_choice !== null) chat.tool_choice = toolChoice(req.tool_choice);
    const reasoning = isObject(req.reasoning) ? req.reasoning : {};
    if (typeof reasoning.effort === "string") chat.reasoning_effort = reasoning.effort;
    const format = isObject(req.text) && isObject(req.text.format) ? req.text.format : null;
    if (format?.type === "json_object") chat.response_format = { type: "json_object" };
    if (format?.type === "json_schema") {
      const { type: _type, ...schema } = format;
      chat.response_format = { type: "json_schema", json_schema: schema };
    }
    return chat;
  });
}

/** Turns input items into chat messages, keeping the state items spread across. */
class InputReader {
  /** a reasoning item waiting for the assistant message it belongs to */
  private reasoning: { text: string; signature?: string } | null = null;

  constructor(private readonly messages: ChatMessage[]) {}

  read(items: unknown[]): void {
    items.forEach((value, i) => {
      const p = `input[${i}]`;
      const item = expectObject(value, p);
      const type = item.type ?? "message";
      if (type === "message") this.message(item, p);
      else if (type === "function_call") this.functionCall(item, p);
      else if (type === "function_call_output") this.functionOutput(item, p);
      else if (type === "reasoning") this.reasoningItem(item, p);
      else refuse(`${p}.type`, `Input items of type '${label(type)}' can be served only by OpenAI models.`);
    });
  }

  private message(item: Json, p: string): void {
    if (item.role === "assistant") {
      this.messages.push(this.assistant(outputText(item.content, `${p}.content`)));
    } else if (item.role === "user" || item.role === "system" || item.role === "developer") {
      const content = typeof item.content === "string" ? item.content : inputParts(item.content, `${p}.content`);
      this.messages.push({ role: item.role === "user" ? "user" : "system", content });
    } else {
      refuse(`${p}.role`, "'role' must be 'user', 'assistant', 'system' or 'developer'.");
    }
  }

  private functionCall(item: Json, p: string): void {
    const call = {
      id: expectString(item.call_id, `${p}.call_id`),
      type: "function" as const,
      function: { name: expectString(item.name, `${p}.name`), arguments: expectString(item.arguments, `${p}.arguments`) },
    };
    // Calls right after an assistant message (or each other) belong to that same turn.
    const last = this.messages.at(-1);
    const turn = last?.role === "assistant" && !this.reasoning ? last : this.assistant(null);
    if (turn !== last) this.messages.push(turn);
    turn.tool_calls = [...(turn.tool_calls ?? []), call];
  }

  private functionOutput(item: Json, p: string): void {
    const id = expectString(item.call_id, `${p}.call_id`);
    if (typeof item.output === "string") {
      this.messages.push({ role: "tool", tool_call_id: id, content: item.output });
      return;
    }
    const parts = inputParts(item.output, `${p}.output`);
    const text = parts.filter((part) => part.type === "text").map((part) => part.text as string);
    this.messages.push({ role: "tool", tool_call_id: id, content: text.join("\n") });
    // Chat tool messages hold text only: images and files follow in a user message.
    const other = parts.filter((part) => part.type !== "text");
    if (other.length > 0) this.messages.push({ role: "user", content: other });
  }

  private reasoningItem(item: Json, p: string): void {
    const summary = Array.isArray(item.summary) ? item.summary : [];
    const content = Array.isArray(item.content) ? item.content : [];
    const field = content.length > 0 ? "content" : "summary";
    const texts = (content.length > 0 ? content : summary).map((part, k) => {
      return expectString(expectObject(part, `${p}.${field}[${k}]`).text, `${p}.${field}[${k}].text`);
    });
    const signature = typeof item.encrypted_content === "string" && item.encrypted_content !== "" ? item.encrypted_content : undefined;
    this.reasoning = { text: texts.join("\n\n"), signature };
  }

  private assistant(content: string | null): ChatMessage {
    const message: ChatMessage = { role: "assistant", content };
    if (this.reasoning) {
      message.reasoning_content = this.reasoning.text;
      if (this.reasoning.signature) message.reasoning_signature = this.reasoning.signature;
      this.reasoning = null;
    }
    return message;
  }
}

function outputText(content: unknown, param: string): string {
  if (typeof content === "string") return content;
  return expectArray(content, param)
    .map((value, k) => {
      const part = expectObject(value, `${param}[${k}]`);
      if (part.type === "output_text" || part.type === "input_text") return expectString(part.text, `${param}[${k}].text`);
      if (part.type === "refusal") return expectString(part.refusal, `${param}[${k}].refusal`);
      return refuse(`${param}[${k}].type`, `Assistant content of type '${label(part.type)}' cannot be converted.`);
    })
    .join("");
}

function inputParts(content: unknown, param: string): Json[] {
  return expectArray(content, param).map((value, k) => {
    const p = `${param}[${k}]`;
    const part = expectObject(value, p);
    if (part.type === "input_text" || part.type === "output_text") return { type: "text", text: expectString(part.text, `${p}.text`) };
    if (part.type === "input_image") {
      const url = expectString(part.image_url ?? refuse(`${p}.file_id`, "Images must be sent by URL or data URL, not file id."), `${p}.image_url`);
      return { type: "image_url", image_url: typeof part.detail === "string" ? { url, detail: part.detail } : { url } };
    }
    if (part.type === "input_file" && typeof part.file_data === "string") {
      return { type: "file", file: { filename: typeof part.filename === "string" ? part.filename : "file", file_data: part.file_data } };
    }
    if (part.type === "input_file") return refuse(`${p}.file_id`, "Files must be sent inline as file_data, not by id or URL.");
    return refuse(`${p}.type`, `Content of type '${label(part.type)}' cannot be converted.`);
  });
}

function tool(value: unknown, param: string): Json {
  const t = expectObject(value, param);
  if (t.type !== "function") {
    refuse(`${param}.type`, `The built-in tool '${label(t.type)}' is available only with OpenAI models; send function tools.`);
  }
  const fn: Json = { name: expectString(t.name, `${param}.name`) };
  if (typeof t.description === "string") fn.description = t.description;
  if (isObject(t.parameters)) fn.parameters = t.parameters;
  if (typeof t.strict === "boolean") fn.strict = t.strict;
  return { type: "function", function: fn };
}

function toolChoice(value: unknown): unknown {
  if (value === "auto" || value === "none" || value === "required") return value;
  const choice = expectObject(value, "tool_choice");
  if (choice.type !== "function") refuse("tool_choice.type", "Only function tool choices can be converted.");
  return { type: "function", function: { name: expectString(choice.name, "tool_choice.name") } };
}
