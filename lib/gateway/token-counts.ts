import type { TokenUsage } from "@/lib/billing/pricing";

/** Largest token count believed from an upstream (as lib/gateway/usage.ts): far above any real call, far below 2^53. */
const MAX_COUNT = 1e12;

/** A token count as a provider reports it: a non-negative integer up to MAX_COUNT, else undefined (absent or invalid). */
export function tokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= MAX_COUNT ? value : undefined;
}

/** The sum of token counts, or undefined when it is not a safe integer. */
export function sumCounts(...counts: number[]): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  return Number.isSafeInteger(total) ? total : undefined;
}

export type UsageParts = {
  /** every input token, cache reads and writes included */
  prompt: number | undefined;
  /** every output token, reasoning included */
  completion: number | undefined;
  cached?: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
  reasoning?: number;
};

/**
 * A TokenUsage from counts already validated with tokenCount, or null when the prompt or
 * completion total is missing. Kinds that are parts of a total are capped at what is left of that
 * total, so a malformed report can never bill more than its totals; zero kinds are omitted.
 */
export function tokenUsage(parts: UsageParts): TokenUsage | null {
  const { prompt, completion } = parts;
  if (prompt === undefined || completion === undefined) return null;
  const usage: TokenUsage = { promptTokens: prompt, completionTokens: completion };
  let left = prompt;
  const take = (n: number | undefined) => {
    const part = Math.min(n ?? 0, left);
    left -= part;
    return part;
  };
  const cached = take(parts.cached);
  const cacheWrite = take(parts.cacheWrite);
  const cacheWrite1h = take(parts.cacheWrite1h);
  const reasoning = Math.min(parts.reasoning ?? 0, completion);
  if (cached > 0) usage.cachedTokens = cached;
  if (cacheWrite > 0) usage.cacheWriteTokens = cacheWrite;
  if (cacheWrite1h > 0) usage.cacheWrite1hTokens = cacheWrite1h;
  if (reasoning > 0) usage.reasoningTokens = reasoning;
  return usage;
}
