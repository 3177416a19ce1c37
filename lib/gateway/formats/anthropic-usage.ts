import type { TokenUsage } from "@/lib/billing/pricing";
import { isObject, parseJson, type Json } from "@/lib/gateway/chat";
import type { SseEvent } from "@/lib/gateway/sse-parse";
import { sumCounts, tokenCount, tokenUsage } from "@/lib/gateway/token-counts";

/**
 * Anthropic's `usage` object (a Message's, `message_start`'s, or the merge of a stream's) as
 * TokenUsage. Anthropic's `input_tokens` leaves out cache reads and writes, so they are added
 * to make promptTokens; `cache_creation` splits the writes into 5-minute and 1-hour ones (without
 * it every write is a 5-minute one). Null when input or output tokens are missing or invalid.
 */
export function anthropicUsage(usage: unknown): TokenUsage | null {
  if (!isObject(usage)) return null;
  const input = tokenCount(usage.input_tokens);
  const output = tokenCount(usage.output_tokens);
  if (input === undefined || output === undefined) return null;
  const read = tokenCount(usage.cache_read_input_tokens) ?? 0;
  const split = isObject(usage.cache_creation) ? usage.cache_creation : {};
  const split5m = tokenCount(split.ephemeral_5m_input_tokens) ?? 0;
  const split1h = tokenCount(split.ephemeral_1h_input_tokens) ?? 0;
  const written = tokenCount(usage.cache_creation_input_tokens) ?? sumCounts(split5m, split1h) ?? 0;
  const written1h = Math.min(split1h, written);
  const details = isObject(usage.output_tokens_details) ? usage.output_tokens_details : {};
  return tokenUsage({
    prompt: sumCounts(input, read, written),
    completion: output,
    cached: read,
    cacheWrite: written - written1h,
    cacheWrite1h: written1h,
    reasoning: tokenCount(details.thinking_tokens),
  });
}

/**
 * A stream's usage: `message_start` carries the input and cache counts, each `message_delta`
 * cumulative totals (output always, the others when they apply), which win when present.
 */
function mergeAnthropicUsage(start: Json | null, delta: Json | null): Json | null {
  if (!start) return delta;
  if (!delta) return start;
  const merged: Json = { ...start };
  for (const [key, value] of Object.entries(delta)) if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}

/** The error Anthropic sent inside a stream (`event: error`), e.g. `overloaded_error`. */
export type AnthropicStreamError = { type: string; message: string };

/**
 * Follows an Anthropic event stream for its usage, an in-stream error and whether it ended
 * properly with `message_stop`. Used for streams passed through unchanged and by the converter.
 */
export class AnthropicStreamWatcher {
  error: AnthropicStreamError | null = null;
  /** `message_stop` arrived: the upstream finished the message */
  stopped = false;
  private startUsage: Json | null = null;
  private deltaUsage: Json | null = null;

  /** Feeds one parsed SSE event; returns its data as JSON (null when it is not a JSON object). */
  push(ev: SseEvent): Json | null {
    const data = parseJson(ev.data);
    if (!isObject(data)) return null;
    const type = typeof data.type === "string" ? data.type : ev.event;
    if (type === "message_start" && isObject(data.message) && isObject(data.message.usage)) {
      this.startUsage = data.message.usage;
    } else if (type === "message_delta" && isObject(data.usage)) {
      this.deltaUsage = mergeAnthropicUsage(this.deltaUsage, data.usage);
    } else if (type === "message_stop") {
      this.stopped = true;
    } else if (type === "error") {
      const err = isObject(data.error) ? data.error : {};
      this.error = {
        type: typeof err.type === "string" ? err.type : "api_error",
        message: typeof err.message === "string" ? err.message : "The upstream reported an error.",
      };
    }
    return data;
  }

  /** The usage seen so far (final once `stopped`). */
  get usage(): TokenUsage | null {
    return anthropicUsage(mergeAnthropicUsage(this.startUsage, this.deltaUsage));
  }
}
