import { add, ceil, int, mul, rationalFromNumber, toNumber, type Rational } from "./rational";

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
  const cached = Math.min(tokenCount(usage.cachedTokens ?? 0, "cachedTokens"), prompt);
  const weighted = add(
    add(int(prompt - cached), mul(int(cached), rationalFromNumber(model.cacheRatio, "cacheRatio"))),
    mul(int(completion), rationalFromNumber(model.completionRatio, "completionRatio")),
  );
  const total = mul(mul(weighted, rationalFromNumber(model.modelRatio, "modelRatio")), group);
  return toSafeInteger(ceil(total));
}

/**
 * The most a call can cost given an upper bound on its prompt and its output limit: what a
 * reservation must hold. Prompt tokens are priced at the dearer of the cached and uncached rate.
 */
export function worstCaseCost(
  promptUpperBound: number,
  maxOutputTokens: number,
  model: ModelPricing,
  groupRatio: number,
): number {
  const promptTokens = tokenCount(promptUpperBound, "promptUpperBound");
  const cacheRatio = rationalFromNumber(model.cacheRatio, "cacheRatio");
  const cacheIsDearer = cacheRatio.n > cacheRatio.d;
  return computeCost(
    { promptTokens, completionTokens: maxOutputTokens, cachedTokens: cacheIsDearer ? promptTokens : 0 },
    model,
    groupRatio,
  );
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
