import type { TokenUsage } from "@/lib/billing/pricing";
import type { Outcome } from "@/lib/gateway/types";

/**
 * The internal representation every conversion goes through: OpenAI chat completions objects
 * (request, response, stream chunk) as plain JSON. Extension fields, kept so that round trips
 * through other providers lose nothing, are stripped before a body goes to an OpenAI channel
 * (see providers/openai.ts `toOpenaiChatRequest`):
 * - `reasoning_content` (assistant message and delta): the model's thinking text;
 * - `reasoning_signature` (assistant message and delta): Anthropic's thinking signature, or the
 *   Responses API's reasoning `encrypted_content`, to be sent back with the thinking text;
 * - `extra_content.google.thought_signature` (tool call): Gemini's thought signature, the field
 *   Google's own OpenAI-compatible endpoint uses.
 */

export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export type ChatToolCall = {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
  extra_content?: { google?: { thought_signature?: string } };
};

export type ChatMessage = {
  role: "system" | "developer" | "user" | "assistant" | "tool";
  content: string | Json[] | null;
  name?: string;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
  reasoning_content?: string;
  reasoning_signature?: string;
};

export type ChatRequest = Json & { model: string; messages: ChatMessage[] };

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export type ChatToolCallDelta = {
  index: number;
  id?: string;
  type?: "function";
  function: { name?: string; arguments?: string };
  extra_content?: ChatToolCall["extra_content"];
};

export type ChatDelta = {
  role?: "assistant";
  content?: string;
  reasoning_content?: string;
  reasoning_signature?: string;
  tool_calls?: ChatToolCallDelta[];
};

export type ChatChunk = {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: { index: number; delta: ChatDelta; finish_reason: FinishReason | null; logprobs: null }[];
  usage?: Json;
};

export type ChatCompletion = {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: { index: number; message: ChatMessage; finish_reason: FinishReason; logprobs: null }[];
  usage?: Json;
};

/** What every chunk of one stream shares. */
export type ChunkBase = { id: string; model: string; created: number };

/** A chat stream chunk with one choice. */
export function chatChunk(base: ChunkBase, delta: ChatDelta, finishReason: FinishReason | null = null): ChatChunk {
  return { ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] };
}

/** The usage-only chunk OpenAI sends last when `stream_options.include_usage` is set. */
export function usageChunk(base: ChunkBase, usage: TokenUsage): ChatChunk {
  return { ...base, object: "chat.completion.chunk", choices: [], usage: chatUsage(usage) };
}

/** TokenUsage as OpenAI's chat `usage` object (cache writes are part of prompt_tokens). */
export function chatUsage(usage: TokenUsage): Json {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}

/** The text of chat content: a string, or the `text` of its text parts joined. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((p) => (isObject(p) && typeof p.text === "string" ? p.text : "")).join("");
}

/** `data:<media type>;base64,<data>` split into its parts, or null for any other URL. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | null {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1], data: match[2] } : null;
}

/** A field a converter cannot convert; `convert` turns it into a 400 `invalid_request` outcome. */
class Refusal extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** Stops a conversion: the request cannot be converted because of `param`. */
export function refuse(param: string, message: string): never {
  throw new Refusal(param, message);
}

/** Runs a conversion; a `refuse` inside it becomes `{ok: false, code: "invalid_request", param, message}`. */
export function convert<T>(build: () => T): Outcome<T> {
  try {
    return { ok: true, value: build() };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, code: "invalid_request", param: err.param, message: err.message };
    throw err;
  }
}

/** A client's value as it may appear in an error message: short, and never throwing whatever the value. */
export function label(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** JSON.parse without throwing: `undefined` when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `value` as an object, or a refusal naming `param`. */
export function expectObject(value: unknown, param: string): Json {
  return isObject(value) ? value : refuse(param, `'${param}' must be an object.`);
}

/** `value` as an array, or a refusal naming `param`. */
export function expectArray(value: unknown, param: string): unknown[] {
  return Array.isArray(value) ? value : refuse(param, `'${param}' must be an array.`);
}

/** `value` as a string, or a refusal naming `param`. */
export function expectString(value: unknown, param: string): string {
  return typeof value === "string" ? value : refuse(param, `'${param}' must be a string.`);
}

/** An optional integer ≥ `min`: undefined when absent (or null), a refusal naming `param` when invalid. */
export function optionalInt(value: unknown, param: string, min: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (Number.isSafeInteger(value) && (value as number) >= min) return value as number;
  return refuse(param, `'${param}' must be an integer of at least ${min}.`);
}
