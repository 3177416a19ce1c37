import type { TokenUsage } from "@/lib/billing/pricing";
import {
  chatChunk,
  chatUsage,
  isObject,
  parseJson,
  usageChunk,
  type ChatChunk,
  type ChatCompletion,
  type ChatDelta,
  type ChatMessage,
  type ChatToolCall,
  type ChunkBase,
  type FinishReason,
  type Json,
} from "@/lib/gateway/chat";
import type { SseEvent } from "@/lib/gateway/sse-parse";
import { sumCounts, tokenCount, tokenUsage } from "@/lib/gateway/token-counts";

const FILTERED = new Set(["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE"]);

/**
 * Gemini's `usageMetadata` as TokenUsage: `promptTokenCount` (which includes cached content) plus
 * tool-use prompt tokens as input, `candidatesTokenCount` plus `thoughtsTokenCount` as output,
 * thoughts as reasoning. Null when the prompt count is missing or a count is invalid.
 */
export function geminiUsage(usage: unknown): TokenUsage | null {
  if (!isObject(usage)) return null;
  const optional = (v: unknown) => (v === undefined ? 0 : tokenCount(v));
  const prompt = tokenCount(usage.promptTokenCount);
  const toolPrompt = optional(usage.toolUsePromptTokenCount);
  const candidates = optional(usage.candidatesTokenCount);
  const thoughts = optional(usage.thoughtsTokenCount);
  if (prompt === undefined || toolPrompt === undefined || candidates === undefined || thoughts === undefined) return null;
  return tokenUsage({
    prompt: sumCounts(prompt, toolPrompt),
    completion: sumCounts(candidates, thoughts),
    cached: tokenCount(usage.cachedContentTokenCount),
    reasoning: thoughts,
  });
}

/** A Gemini `finishReason` as a chat `finish_reason` (a stop after function calls is `tool_calls`). */
export function geminiFinishReason(reason: unknown, calledTools: boolean): FinishReason {
  if (reason === "MAX_TOKENS") return "length";
  if (typeof reason === "string" && FILTERED.has(reason)) return "content_filter";
  return calledTools ? "tool_calls" : "stop";
}

/** One part of a candidate as a chat delta: text, thought text, or one whole function call. */
function partDelta(part: unknown, callIndex: number, callId: string): ChatDelta | null {
  if (!isObject(part)) return null;
  if (typeof part.text === "string" && part.text !== "") return part.thought === true ? { reasoning_content: part.text } : { content: part.text };
  if (!isObject(part.functionCall) || typeof part.functionCall.name !== "string") return null;
  const fn = part.functionCall;
  const call: ChatDelta["tool_calls"] = [
    {
      index: callIndex,
      id: typeof fn.id === "string" && fn.id !== "" ? fn.id : callId,
      type: "function",
      function: { name: fn.name as string, arguments: JSON.stringify(fn.args ?? {}) },
      ...(typeof part.thoughtSignature === "string" ? { extra_content: { google: { thought_signature: part.thoughtSignature } } } : {}),
    },
  ];
  return { tool_calls: call };
}

function candidateParts(res: Json): { parts: unknown[]; finishReason: unknown; blocked: boolean } {
  const candidate = Array.isArray(res.candidates) && isObject(res.candidates[0]) ? res.candidates[0] : null;
  const content = candidate && isObject(candidate.content) ? candidate.content : {};
  const feedback = isObject(res.promptFeedback) ? res.promptFeedback : {};
  return {
    parts: Array.isArray(content.parts) ? content.parts : [],
    finishReason: candidate?.finishReason,
    blocked: !candidate && typeof feedback.blockReason === "string",
  };
}

/**
 * A generateContent answer as a chat completion: text parts as the content, thought parts as
 * `reasoning_content`, function calls as tool calls with ids made from `requestId` (Gemini gives
 * none) and their thought signatures kept, usage with cached and thought tokens.
 */
export function geminiResponseToChat(res: unknown, clientModel: string, requestId: string, created: number): ChatCompletion {
  const body = isObject(res) ? res : {};
  const { parts, finishReason, blocked } = candidateParts(body);
  const message: ChatMessage = { role: "assistant", content: "" };
  const calls: ChatToolCall[] = [];
  for (const part of parts) {
    const delta = partDelta(part, calls.length, `call_${requestId}_${calls.length}`);
    if (delta?.content) message.content += delta.content;
    if (delta?.reasoning_content) message.reasoning_content = (message.reasoning_content ?? "") + delta.reasoning_content;
    for (const call of delta?.tool_calls ?? []) {
      const { index: _index, ...rest } = call;
      calls.push(rest as ChatToolCall);
    }
  }
  if (calls.length > 0) {
    message.tool_calls = calls;
    if (message.content === "") message.content = null;
  }
  const usage = geminiUsage(body.usageMetadata);
  return {
    id: typeof body.responseId === "string" ? body.responseId : `chatcmpl-${requestId}`,
    object: "chat.completion",
    created,
    model: clientModel,
    choices: [{ index: 0, message, finish_reason: blocked ? "content_filter" : geminiFinishReason(finishReason, calls.length > 0), logprobs: null }],
    ...(usage ? { usage: chatUsage(usage) } : {}),
  };
}

/** The error Gemini sent inside a stream (`{"error": {code, message, status}}`). */
export type GeminiStreamError = { code: number | null; message: string; status: string | null };

/**
 * Converts a `streamGenerateContent?alt=sse` stream (each event a whole GenerateContentResponse)
 * into chat chunks: text and thought deltas, each function call as one whole tool call with the
 * next index, the finish reason once it comes. Usage is the last `usageMetadata` seen.
 */
export class GeminiToChatStream {
  error: GeminiStreamError | null = null;
  /** a finish reason arrived: the upstream finished the answer */
  finished = false;
  private started = false;
  private calls = 0;
  private lastUsage: Json | null = null;
  private readonly base: ChunkBase;

  /** @param opts.includeUsage the client asked for a usage chunk (`stream_options.include_usage`) */
  constructor(private readonly opts: { model: string; id: string; created: number; includeUsage: boolean }) {
    this.base = { id: opts.id, model: opts.model, created: opts.created };
  }

  /** The usage so far; final once the stream has ended. */
  get usage(): TokenUsage | null {
    return geminiUsage(this.lastUsage);
  }

  /** Converts one upstream event; returns the chunks to send now. */
  push(ev: SseEvent): ChatChunk[] {
    const data = parseJson(ev.data);
    if (!isObject(data)) return [];
    if (isObject(data.error)) {
      const e = data.error;
      this.error = {
        code: typeof e.code === "number" ? e.code : null,
        message: typeof e.message === "string" ? e.message : "The upstream reported an error.",
        status: typeof e.status === "string" ? e.status : null,
      };
      return [];
    }
    if (isObject(data.usageMetadata)) this.lastUsage = data.usageMetadata;
    const out: ChatChunk[] = [];
    if (!this.started) {
      this.started = true;
      out.push(chatChunk(this.base, { role: "assistant", content: "" }));
    }
    const { parts, finishReason, blocked } = candidateParts(data);
    for (const part of parts) {
      const delta = partDelta(part, this.calls, `call_${this.opts.id}_${this.calls}`);
      if (!delta) continue;
      if (delta.tool_calls) this.calls += 1;
      out.push(chatChunk(this.base, delta));
    }
    if (!this.finished && ((finishReason !== undefined && finishReason !== null) || blocked)) {
      this.finished = true;
      out.push(chatChunk(this.base, {}, blocked ? "content_filter" : geminiFinishReason(finishReason, this.calls > 0)));
    }
    return out;
  }

  /** At the end of the upstream stream: the usage chunk, when the client asked for one. */
  end(): ChatChunk[] {
    const usage = this.usage;
    return this.opts.includeUsage && usage ? [usageChunk(this.base, usage)] : [];
  }
}
