import { add, ceil, int, mul, rationalFromNumber, toNumber, type Rational } from "./rational";

/** Cache-write ratios when a model sets none (CONTRACT §5): 1.25× and 2× the input price. */
export const DEFAULT_CACHE_WRITE_RATIO = 1.25;
export const DEFAULT_CACHE_WRITE_1H_RATIO = 2;

/** 500,000 credits = 1 USD (CONTRACT §2). */
export const CREDITS_PER_USD = 500_000;

/**
 * Token counts in OpenAI's sense: `promptTokens` is every input token (cache reads and cache
 * writes included), `completionTokens` every output token (reasoning included). The optional
 * kinds say how many of those were billed at another rate.
 */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** input tokens read from a provider cache (part of promptTokens) */
  cachedTokens?: number;
  /** input tokens written to a provider cache with the default (5-minute) lifetime (part of promptTokens) */
  cacheWriteTokens?: number;
  /** input tokens written to a provider cache with a 1-hour lifetime (part of promptTokens) */
  cacheWrite1hTokens?: number;
  /** output tokens spent on reasoning (part of completionTokens) */
  reasoningTokens?: number;
}

export interface ModelPricing {
  modelRatio: number;
  completionRatio: number;
  cacheRatio: number;
  /** prompt tokens written to a cache with the default (5-minute) lifetime; default 1.25 */
  cacheWriteRatio?: number | null;
  /** prompt tokens written to a cache with a 1-hour lifetime; default 2 */
  cacheWrite1hRatio?: number | null;
  /** USD per call; when set (not null/undefined) it replaces the token formula. */
  fixedPrice?: number | null;
}

export type EffectiveRates =
  | {
      kind: "tokens";
      inputCreditsPer1M: number;
      cachedInputCreditsPer1M: number;
      outputCreditsPer1M: number;
      inputUsdPer1M: number;
      cachedInputUsdPer1M: number;
      outputUsdPer1M: number;
    }
  | { kind: "fixed"; creditsPerCall: number; usdPerCall: number };

const MILLION = int(1_000_000);
const PER_USD = int(CREDITS_PER_USD);

/**
 * Credits for one call, exactly (CONTRACT §2):
 * `ceil((uncached + cached × cacheRatio + completion × completionRatio) × modelRatio × groupRatio)`,
 * or `ceil(fixedPrice × 500000 × groupRatio)` for fixed-price models, which charge per call whatever
 * the tokens (the caller charges nothing for a failed call). A positive amount always rounds up to at
 * least 1. Throws RangeError on negative, non-finite or fractional inputs.
 */
export function computeCost(usage: TokenUsage, model: ModelPricing, groupRatio: number): number {
  const group = rationalFromNumber(groupRatio, "groupRatio");
  if (model.fixedPrice != null) {
    return toSafeInteger(ceil(mul(mul(rationalFromNumber(model.fixedPrice, "fixedPrice"), PER_USD), group)));
  }
  const prompt = tokenCount(usage.promptTokens, "promptTokens");
  const completion = tokenCount(usage.completionTokens, "completionTokens");
  // Each kind is part of the prompt: capped by what is left of it, so nothing is counted twice.
  const cached = Math.min(tokenCount(usage.cachedTokens ?? 0, "cachedTokens"), prompt);
  const write = Math.min(tokenCount(usage.cacheWriteTokens ?? 0, "cacheWriteTokens"), prompt - cached);
  const write1h = Math.min(tokenCount(usage.cacheWrite1hTokens ?? 0, "cacheWrite1hTokens"), prompt - cached - write);
  const weighted = [
    int(prompt - cached - write - write1h),
    mul(int(cached), rationalFromNumber(model.cacheRatio, "cacheRatio")),
    mul(int(write), rationalFromNumber(model.cacheWriteRatio ?? DEFAULT_CACHE_WRITE_RATIO, "cacheWriteRatio")),
    mul(int(write1h), rationalFromNumber(model.cacheWrite1hRatio ?? DEFAULT_CACHE_WRITE_1H_RATIO, "cacheWrite1hRatio")),
    mul(int(completion), rationalFromNumber(model.completionRatio, "completionRatio")),
  ].reduce(add);
  const total = mul(mul(weighted, rationalFromNumber(model.modelRatio, "modelRatio")), group);
  return toSafeInteger(ceil(total));
}

/** Which prompt-cache writes a request can cause (Anthropic writes only where `cache_control` asks). */
export type CacheWrites = "none" | "5m" | "1h";

/**
 * The most a call can cost given an upper bound on its prompt and its output limit: what a
 * reservation must hold. Every prompt token is priced at the dearest rate it may be billed at:
 * uncached, cached, or written to a cache when the request asks for cache writes.
 */
export function worstCaseCost(
  promptUpperBound: number,
  maxOutputTokens: number,
  model: ModelPricing,
  groupRatio: number,
  cacheWrites: CacheWrites = "none",
): number {
  const promptTokens = tokenCount(promptUpperBound, "promptUpperBound");
  const kinds: [keyof TokenUsage, Rational][] = [["cachedTokens", rationalFromNumber(model.cacheRatio, "cacheRatio")]];
  if (cacheWrites !== "none") {
    kinds.push(["cacheWriteTokens", rationalFromNumber(model.cacheWriteRatio ?? DEFAULT_CACHE_WRITE_RATIO, "cacheWriteRatio")]);
  }
  if (cacheWrites === "1h") {
    kinds.push(["cacheWrite1hTokens", rationalFromNumber(model.cacheWrite1hRatio ?? DEFAULT_CACHE_WRITE_1H_RATIO, "cacheWrite1hRatio")]);
  }
  let dearest: keyof TokenUsage | null = null;
  let rate: Rational = { n: 1n, d: 1n };
  for (const [kind, r] of kinds) {
    if (r.n * rate.d > rate.n * r.d) [dearest, rate] = [kind, r];
  }
  const usage: TokenUsage = { promptTokens, completionTokens: maxOutputTokens };
  if (dearest) usage[dearest] = promptTokens;
  return computeCost(usage, model, groupRatio);
}

/** A model's effective price for a group: credits and USD per 1M tokens, or per call when fixed. */
export function effectiveRates(model: ModelPricing, groupRatio: number): EffectiveRates {
  const group = rationalFromNumber(groupRatio, "groupRatio");
  if (model.fixedPrice != null) {
    const usd = mul(rationalFromNumber(model.fixedPrice, "fixedPrice"), group);
    return { kind: "fixed", creditsPerCall: toSafeInteger(ceil(mul(usd, PER_USD))), usdPerCall: toNumber(usd) };
  }
  const input = mul(mul(MILLION, rationalFromNumber(model.modelRatio, "modelRatio")), group);
  const cached = mul(input, rationalFromNumber(model.cacheRatio, "cacheRatio"));
  const output = mul(input, rationalFromNumber(model.completionRatio, "completionRatio"));
  const usd = (credits: Rational) => toNumber(mul(credits, { n: 1n, d: BigInt(CREDITS_PER_USD) }));
  return {
    kind: "tokens",
    inputCreditsPer1M: toNumber(input),
    cachedInputCreditsPer1M: toNumber(cached),
    outputCreditsPer1M: toNumber(output),
    inputUsdPer1M: usd(input),
    cachedInputUsdPer1M: usd(cached),
    outputUsdPer1M: usd(output),
  };
}

function tokenCount(x: number, what: string): number {
  if (!Number.isSafeInteger(x) || x < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(x)}`);
  }
  return x;
}

function toSafeInteger(x: bigint): number {
  if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("cost exceeds the safe integer range");
  return Number(x);
}
