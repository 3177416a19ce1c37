/**
 * The pricing catalog a fresh install starts with: public list prices in USD per 1M tokens
 * (standard tier, short-context rates), converted to ratios where ratio 1 = $2 per 1M input tokens.
 * Admins edit or delete models afterwards; the catalog is seeded once (lib/db/catalog.ts).
 */

type ListPrice = {
  name: string;
  /** USD per 1M input tokens */
  input: number;
  /** USD per 1M output tokens (embeddings have none: same as input) */
  output: number;
  /** USD per 1M cached input tokens (cache reads); omitted = same as input */
  cached?: number;
  maxOutputTokens: number;
};

/** USD per 1M input tokens at modelRatio 1 (CONTRACT §2). */
const USD_PER_1M_AT_RATIO_1 = 2;

// Gemini 2.5 cache reads are billed at 25% of input here: the higher of the rates Google has
// published for them, so that cached prompts are never under-charged.
export const LIST_PRICES: readonly ListPrice[] = [
  // OpenAI
  { name: "gpt-4o", input: 2.5, output: 10, cached: 1.25, maxOutputTokens: 16_384 },
  { name: "gpt-4o-mini", input: 0.15, output: 0.6, cached: 0.075, maxOutputTokens: 16_384 },
  { name: "gpt-4.1", input: 2, output: 8, cached: 0.5, maxOutputTokens: 32_768 },
  { name: "gpt-4.1-mini", input: 0.4, output: 1.6, cached: 0.1, maxOutputTokens: 32_768 },
  { name: "gpt-4.1-nano", input: 0.1, output: 0.4, cached: 0.025, maxOutputTokens: 32_768 },
  { name: "o3", input: 2, output: 8, cached: 0.5, maxOutputTokens: 100_000 },
  { name: "o4-mini", input: 1.1, output: 4.4, cached: 0.275, maxOutputTokens: 100_000 },
  { name: "gpt-5", input: 1.25, output: 10, cached: 0.125, maxOutputTokens: 128_000 },
  { name: "gpt-5-mini", input: 0.25, output: 2, cached: 0.025, maxOutputTokens: 128_000 },
  { name: "gpt-5-nano", input: 0.05, output: 0.4, cached: 0.005, maxOutputTokens: 128_000 },
  { name: "text-embedding-3-small", input: 0.02, output: 0.02, maxOutputTokens: 1 },
  { name: "text-embedding-3-large", input: 0.13, output: 0.13, maxOutputTokens: 1 },
  { name: "text-embedding-ada-002", input: 0.1, output: 0.1, maxOutputTokens: 1 },
  // Anthropic
  { name: "claude-sonnet-4-5", input: 3, output: 15, cached: 0.3, maxOutputTokens: 64_000 },
  { name: "claude-haiku-4-5", input: 1, output: 5, cached: 0.1, maxOutputTokens: 64_000 },
  { name: "claude-opus-4-1", input: 15, output: 75, cached: 1.5, maxOutputTokens: 32_000 },
  { name: "claude-sonnet-4-0", input: 3, output: 15, cached: 0.3, maxOutputTokens: 64_000 },
  // Google
  { name: "gemini-2.5-pro", input: 1.25, output: 10, cached: 0.3125, maxOutputTokens: 65_536 },
  { name: "gemini-2.5-flash", input: 0.3, output: 2.5, cached: 0.075, maxOutputTokens: 65_536 },
  { name: "gemini-2.0-flash", input: 0.1, output: 0.4, cached: 0.025, maxOutputTokens: 8_192 },
];

export type CatalogModel = {
  name: string;
  modelRatio: number;
  completionRatio: number;
  cacheRatio: number;
  maxOutputTokens: number;
};

/**
 * A price quotient as a short decimal: 0.6 / 0.15 is 4, not 4.000000000000001. A quotient with no
 * short form (2.5 / 0.3 = 8.33…) is rounded up at 12 decimals, so the catalog never under-charges.
 */
function ratio(numerator: number, denominator: number): number {
  const x = numerator / denominator;
  const short = Number(x.toFixed(6));
  if (Math.abs(short * denominator - numerator) <= 1e-12 * numerator) return short;
  return Math.ceil(x * 1e12) / 1e12;
}

/** The catalog as model rows. */
export function catalogModels(): CatalogModel[] {
  return LIST_PRICES.map((p) => ({
    name: p.name,
    modelRatio: ratio(p.input, USD_PER_1M_AT_RATIO_1),
    completionRatio: ratio(p.output, p.input),
    cacheRatio: ratio(p.cached ?? p.input, p.input),
    maxOutputTokens: p.maxOutputTokens,
  }));
}
