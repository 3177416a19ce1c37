import type { TokenUsage } from "@/lib/billing/pricing";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
/** Largest token count believed from an upstream: far above any real call, far below 2^53. */
const MAX_COUNT = 1e12;
const valid = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v <= MAX_COUNT;
const optional = (v: unknown) => (valid(v) ? v : 0);

/**
 * OpenAI's `usage` object as token counts, or null when absent or not believable (missing or
 * non-integer counts, negative, absurdly large): the call is then estimated instead.
 */
export function parseUsage(usage: unknown): TokenUsage | null {
  if (!isObject(usage) || !valid(usage.prompt_tokens)) return null;
  if (usage.completion_tokens !== undefined && !valid(usage.completion_tokens)) return null;
  const prompt = isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completion = isObject(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  const out: TokenUsage = {
    promptTokens: usage.prompt_tokens,
    completionTokens: optional(usage.completion_tokens),
    cachedTokens: Math.min(optional(prompt.cached_tokens), usage.prompt_tokens),
  };
  const reasoning = optional(completion.reasoning_tokens);
  if (reasoning) out.reasoningTokens = Math.min(reasoning, out.completionTokens);
  return out;
}

/** The generated text in a chat/completions answer or stream chunk (for estimating usage). */
export function generatedText(payload: unknown): string {
  if (!isObject(payload) || !Array.isArray(payload.choices)) return "";
  let text = "";
  for (const choice of payload.choices) {
    if (!isObject(choice)) continue;
    if (typeof choice.text === "string") text += choice.text;
    for (const part of [choice.message, choice.delta]) {
      if (!isObject(part)) continue;
      if (typeof part.content === "string") text += part.content;
      if (typeof part.reasoning_content === "string") text += part.reasoning_content;
      if (Array.isArray(part.tool_calls)) {
        for (const call of part.tool_calls) {
          const fn = isObject(call) && isObject(call.function) ? call.function : null;
          if (fn && typeof fn.name === "string") text += fn.name;
          if (fn && typeof fn.arguments === "string") text += fn.arguments;
        }
      }
    }
  }
  return text;
}

/** Replaces an upstream's model name with the one the client asked for (channel mapping). */
export function renameModel(payload: unknown, model: string): void {
  if (isObject(payload) && typeof payload.model === "string") payload.model = model;
}
