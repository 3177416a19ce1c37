/**
 * The pricing catalog a fresh install starts with: public list prices in USD per 1M tokens
 * (standard tier, short-context rates), converted to ratios where ratio 1 = $2 per 1M input tokens.
 * Admins edit or delete models afterwards; the catalog is seeded once (lib/db/catalog.ts).
 */

type ListPrice = {
  name: string;
  /** USD per 1M input tokens */
  input: number;
  /** USD per 1M output tokens, reasoning included (embeddings have none: same as input) */
  output: number;
  /** USD per 1M cached input tokens (cache reads); omitted = same as input */
  cached?: number;
  /** USD per 1M input tokens written to a 5-minute cache (Anthropic); omitted = the gateway's default, 1.25 × input */
  cacheWrite?: number;
  /** USD per 1M input tokens written to a 1-hour cache (Anthropic); omitted = the gateway's default, 2 × input */
  cacheWrite1h?: number;
  maxOutputTokens: number;
  /** input plus output tokens the model can hold; bounds reservations */
  contextWindow: number;
};

/** USD per 1M input tokens at modelRatio 1 (CONTRACT §2). */
const USD_PER_1M_AT_RATIO_1 = 2;

// Source: the providers' public pricing and model pages (openai.com/api/pricing,
// platform.claude.com/docs/en/about-claude/pricing, ai.google.dev/gemini-api/docs/pricing) as
// last checked in November 2025; later changes are the admin's to make. Standard tier,
// short-context rates (Gemini Pro above 200k prompt tokens and Claude's 1M-context beta cost more).
// Anthropic charges cache writes at 1.25× input (5-minute) and 2× (1-hour), reads at 0.1×. OpenAI
// and Gemini report no cache writes (Gemini bills cache storage by the hour, outside any call).
export const LIST_PRICES: readonly ListPrice[] = [
  // OpenAI
  { name: "gpt-4o", input: 2.5, output: 10, cached: 1.25, maxOutputTokens: 16_384, contextWindow: 128_000 },
  { name: "gpt-4o-mini", input: 0.15, output: 0.6, cached: 0.075, maxOutputTokens: 16_384, contextWindow: 128_000 },
  { name: "gpt-4.1", input: 2, output: 8, cached: 0.5, maxOutputTokens: 32_768, contextWindow: 1_047_576 },
  { name: "gpt-4.1-mini", input: 0.4, output: 1.6, cached: 0.1, maxOutputTokens: 32_768, contextWindow: 1_047_576 },
  { name: "gpt-4.1-nano", input: 0.1, output: 0.4, cached: 0.025, maxOutputTokens: 32_768, contextWindow: 1_047_576 },
  { name: "o3", input: 2, output: 8, cached: 0.5, maxOutputTokens: 100_000, contextWindow: 200_000 },
  { name: "o3-pro", input: 20, output: 80, maxOutputTokens: 100_000, contextWindow: 200_000 },
  { name: "o4-mini", input: 1.1, output: 4.4, cached: 0.275, maxOutputTokens: 100_000, contextWindow: 200_000 },
  { name: "gpt-5", input: 1.25, output: 10, cached: 0.125, maxOutputTokens: 128_000, contextWindow: 400_000 },
  { name: "gpt-5-mini", input: 0.25, output: 2, cached: 0.025, maxOutputTokens: 128_000, contextWindow: 400_000 },
  { name: "gpt-5-nano", input: 0.05, output: 0.4, cached: 0.005, maxOutputTokens: 128_000, contextWindow: 400_000 },
  { name: "gpt-5-codex", input: 1.25, output: 10, cached: 0.125, maxOutputTokens: 128_000, contextWindow: 400_000 },
  { name: "gpt-5-pro", input: 15, output: 120, maxOutputTokens: 272_000, contextWindow: 400_000 },
  { name: "gpt-5.1", input: 1.25, output: 10, cached: 0.125, maxOutputTokens: 128_000, contextWindow: 400_000 },
  { name: "gpt-5.1-codex", input: 1.25, output: 10, cached: 0.125, maxOutputTokens: 128_000, contextWindow: 400_000 },
  { name: "gpt-5.1-codex-mini", input: 0.25, output: 2, cached: 0.025, maxOutputTokens: 128_000, contextWindow: 400_000 },
  { name: "text-embedding-3-small", input: 0.02, output: 0.02, maxOutputTokens: 1, contextWindow: 8_192 },
  { name: "text-embedding-3-large", input: 0.13, output: 0.13, maxOutputTokens: 1, contextWindow: 8_192 },
  { name: "text-embedding-ada-002", input: 0.1, output: 0.1, maxOutputTokens: 1, contextWindow: 8_192 },
  // Anthropic
  { name: "claude-opus-4-5", input: 5, output: 25, cached: 0.5, cacheWrite: 6.25, cacheWrite1h: 10, maxOutputTokens: 64_000, contextWindow: 200_000 },
  { name: "claude-opus-4-1", input: 15, output: 75, cached: 1.5, cacheWrite: 18.75, cacheWrite1h: 30, maxOutputTokens: 32_000, contextWindow: 200_000 },
  { name: "claude-opus-4-0", input: 15, output: 75, cached: 1.5, cacheWrite: 18.75, cacheWrite1h: 30, maxOutputTokens: 32_000, contextWindow: 200_000 },
  { name: "claude-sonnet-4-5", input: 3, output: 15, cached: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, maxOutputTokens: 64_000, contextWindow: 200_000 },
  { name: "claude-sonnet-4-0", input: 3, output: 15, cached: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, maxOutputTokens: 64_000, contextWindow: 200_000 },
  { name: "claude-haiku-4-5", input: 1, output: 5, cached: 0.1, cacheWrite: 1.25, cacheWrite1h: 2, maxOutputTokens: 64_000, contextWindow: 200_000 },
  // Google
  { name: "gemini-3-pro-preview", input: 2, output: 12, cached: 0.2, maxOutputTokens: 65_536, contextWindow: 1_048_576 },
  { name: "gemini-3-flash-preview", input: 0.5, output: 3, cached: 0.05, maxOutputTokens: 65_536, contextWindow: 1_048_576 },
  { name: "gemini-2.5-pro", input: 1.25, output: 10, cached: 0.125, maxOutputTokens: 65_536, contextWindow: 1_048_576 },
  { name: "gemini-2.5-flash", input: 0.3, output: 2.5, cached: 0.03, maxOutputTokens: 65_536, contextWindow: 1_048_576 },
  { name: "gemini-2.5-flash-lite", input: 0.1, output: 0.4, cached: 0.01, maxOutputTokens: 65_536, contextWindow: 1_048_576 },
  { name: "gemini-2.0-flash", input: 0.1, output: 0.4, cached: 0.025, maxOutputTokens: 8_192, contextWindow: 1_048_576 },
];

export type CatalogModel = {
  name: string;
  modelRatio: number;
  completionRatio: number;
  cacheRatio: number;
  /** null: the gateway's default (1.25) */
  cacheWriteRatio: number | null;
  /** null: the gateway's default (2) */
  cacheWrite1hRatio: number | null;
  maxOutputTokens: number;
  contextWindow: number;
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
    cacheWriteRatio: p.cacheWrite === undefined ? null : ratio(p.cacheWrite, p.input),
    cacheWrite1hRatio: p.cacheWrite1h === undefined ? null : ratio(p.cacheWrite1h, p.input),
    maxOutputTokens: p.maxOutputTokens,
    contextWindow: p.contextWindow,
  }));
}
