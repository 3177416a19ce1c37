import type { TokenUsage } from "@/lib/billing/pricing";
import { isObject, type ChatMessage, type ChatRequest, type Json } from "@/lib/gateway/chat";
import { parseUsage } from "@/lib/gateway/usage";

/**
 * The `openai` channel type: any OpenAI-compatible API. Its base URL ends in `/v1`
 * (`https://api.openai.com/v1`); paths are appended as they are (`/chat/completions`).
 */

/** The upstream URL for an endpoint path such as `/chat/completions` or `/responses`. */
export function openaiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

/** Upstream headers: the channel's key as a bearer token, then the channel's extra headers. */
export function openaiHeaders(apiKey: string, channelHeaders: Record<string, string> = {}): Record<string, string> {
  return { ...channelHeaders, "content-type": "application/json", authorization: `Bearer ${apiKey}` };
}

/**
 * What a stream writer reads from one chat chunk: the first choice's delta (`{}` when missing),
 * its text (content, or a refusal, which other formats show as text), its finish reason, and the
 * chunk's usage. Null when the chunk is not an object.
 */
export function readChatChunk(chunk: unknown): { delta: Json; text: string; finishReason: unknown; usage: TokenUsage | null } | null {
  if (!isObject(chunk)) return null;
  const choice = Array.isArray(chunk.choices) && isObject(chunk.choices[0]) ? chunk.choices[0] : {};
  const delta = isObject(choice.delta) ? choice.delta : {};
  const text = typeof delta.content === "string" ? delta.content : typeof delta.refusal === "string" ? delta.refusal : "";
  return { delta, text, finishReason: choice.finish_reason, usage: parseUsage(chunk.usage) };
}

/**
 * OpenAI's chat models that do not reason (GPT-4 family, GPT-3.5, optionally behind a `vendor/`
 * prefix): OpenAI answers 400 to a `reasoning_effort` sent to them.
 */
const NON_REASONING = /^(?:[\w.-]+\/)?(?:gpt-4|gpt-3\.5|chatgpt-4o)/i;
/** OpenAI's reasoning models (o1, o3, o4-mini, gpt-5…), optionally behind a `vendor/` prefix. */
const REASONING = /^(?:[\w.-]+\/)?(?:o\d|gpt-5)/i;

/**
 * A converted chat request made fit for an OpenAI-compatible upstream: the internal extension
 * fields (reasoning text and signatures, Gemini signatures) are removed, since OpenAI rejects
 * unknown message properties; so is a reasoning effort (from an Anthropic client's thinking or a
 * Responses client's reasoning) for OpenAI's models that do not reason, and a temperature or
 * top_p other than 1 for those that do.
 */
export function toOpenaiChatRequest(chat: ChatRequest): ChatRequest {
  const messages = chat.messages.map((message): ChatMessage => {
    const { reasoning_content: _text, reasoning_signature: _signature, ...rest } = message;
    if (!rest.tool_calls) return rest;
    return { ...rest, tool_calls: rest.tool_calls.map(({ extra_content: _extra, ...call }) => call) };
  });
  const { reasoning_effort: effort, ...rest } = chat as Json;
  const model = String(chat.model ?? "");
  const keep = effort !== undefined && !NON_REASONING.test(model);
  if (REASONING.test(model)) {
    // They take only the default sampling: another temperature or top_p is refused with 400.
    if (rest.temperature !== 1) delete rest.temperature;
    if (rest.top_p !== 1) delete rest.top_p;
  }
  return { ...rest, ...(keep ? { reasoning_effort: effort } : {}), messages } as ChatRequest;
}
