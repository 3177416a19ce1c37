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
 * A converted chat request made fit for an OpenAI-compatible upstream: the internal extension
 * fields (reasoning text and signatures, Gemini signatures) are removed, since OpenAI rejects
 * unknown message properties.
 */
export function toOpenaiChatRequest(chat: ChatRequest): ChatRequest {
  const messages = chat.messages.map((message): ChatMessage => {
    const { reasoning_content: _text, reasoning_signature: _signature, ...rest } = message;
    if (!rest.tool_calls) return rest;
    return { ...rest, tool_calls: rest.tool_calls.map(({ extra_content: _extra, ...call }) => call) };
  });
  return { ...(chat as Json), messages } as ChatRequest;
}
