import type { TokenUsage } from "@/lib/billing/pricing";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

/** OpenAI's `usage` object as token counts, or null when absent or malformed. */
export function parseUsage(usage: unknown): TokenUsage | null {
  if (!isObject(usage) || typeof usage.prompt_tokens !== "number") return null;
  const details = isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  return {
    promptTokens: count(usage.prompt_tokens),
    completionTokens: count(usage.completion_tokens),
    cachedTokens: count(details.cached_tokens),
  };
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
