import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CREDITS_PER_USD, computeCost, effectiveRates, worstCaseCost, type ModelPricing } from "./pricing";

/** A decimal ratio known exactly to the test as k / 10^j, handed to the code as a JS number. */
interface Dec {
  k: bigint;
  j: number;
  value: number;
}
const dec = (k: number, j: number): Dec => ({ k: BigInt(k), j, value: Number(`${k}e-${j}`) });
/** Ratios k / 10^j; the defaults span 0 to 1000 with up to 12 decimals. */
const decArb = (maxK = 1_000_000, minJ = 3, maxJ = 12) =>
  fc.tuple(fc.integer({ min: 0, max: maxK }), fc.integer({ min: minJ, max: maxJ })).map(([k, j]) => dec(k, j));
const groupArb = decArb(1000, 1, 3);
const tokens = fc.integer({ min: 0, max: 2_000_000 });

/** Reference: one fraction with a common power-of-ten denominator, ceil by quotient and remainder. */
function reference(u: bigint, c: bigint, p: bigint, cr: Dec, pr: Dec, mr: Dec, gr: Dec): bigint {
  const scale = (d: Dec, to: number) => d.k * 10n ** BigInt(to - d.j);
  const J = Math.max(cr.j, pr.j);
  const weighted = u * 10n ** BigInt(J) + c * scale(cr, J) + p * scale(pr, J);
  const num = weighted * mr.k * gr.k;
  const den = 10n ** BigInt(J + mr.j + gr.j);
  const q = num / den;
  return q * den === num ? q : q + 1n;
}

function pricing(mr: Dec, pr: Dec, cr: Dec): ModelPricing {
  return { modelRatio: mr.value, completionRatio: pr.value, cacheRatio: cr.value };
}

describe("computeCost", () => {
  it("is exact where float arithmetic drifts", () => {
    // 100 × 0.07 is 7.000000000000001 in floating point; ceil would charge 8.
    expect(computeCost({ promptTokens: 100, completionTokens: 0 }, pricing(dec(7, 2), dec(1, 0), dec(1, 0)), 1)).toBe(7);
    expect(computeCost({ promptTokens: 1000, completionTokens: 0 }, pricing(dec(75, 3), dec(4, 0), dec(5, 1)), 1)).toBe(75);
    expect(computeCost({ promptTokens: 3, completionTokens: 0 }, pricing(dec(1, 1), dec(1, 0), dec(1, 0)), 10)).toBe(3);
  });

  it("applies the contract formula with cached tokens", () => {
    const m = { modelRatio: 2, completionRatio: 3, cacheRatio: 0.25 };
    // uncached 60 + cached 40×0.25 + completion 10×3 = 100; × 2 × 1.5 = 300
    expect(computeCost({ promptTokens: 100, cachedTokens: 40, completionTokens: 10 }, m, 1.5)).toBe(300);
  });

  it("charges at least 1 credit for any tokens at non-zero ratios", () => {
    const m = { modelRatio: 1e-7, completionRatio: 1, cacheRatio: 1 };
    expect(computeCost({ promptTokens: 1, completionTokens: 0 }, m, 0.01)).toBe(1);
    expect(computeCost({ promptTokens: 0, completionTokens: 1 }, m, 1)).toBe(1);
  });

  it("charges 0 for no tokens, and for tokens whose only ratio is 0", () => {
    const m = { modelRatio: 1, completionRatio: 0, cacheRatio: 0 };
    expect(computeCost({ promptTokens: 0, completionTokens: 0 }, m, 1)).toBe(0);
    expect(computeCost({ promptTokens: 50, cachedTokens: 50, completionTokens: 9 }, m, 1)).toBe(0);
    expect(computeCost({ promptTokens: 50, completionTokens: 9 }, { ...m, modelRatio: 0 }, 1)).toBe(0);
  });

  it("caps cached tokens at the prompt tokens", () => {
    const m = { modelRatio: 1, completionRatio: 1, cacheRatio: 0.5 };
    expect(computeCost({ promptTokens: 10, cachedTokens: 99, completionTokens: 0 }, m, 1)).toBe(5);
  });

  it("rejects negative, NaN, infinite and fractional inputs", () => {
    const m = { modelRatio: 1, completionRatio: 1, cacheRatio: 1 };
    const u = { promptTokens: 1, completionTokens: 1 };
    expect(() => computeCost({ ...u, promptTokens: -1 }, m, 1)).toThrow(RangeError);
    expect(() => computeCost({ ...u, completionTokens: NaN }, m, 1)).toThrow(RangeError);
    expect(() => computeCost({ ...u, cachedTokens: 1.5 }, m, 1)).toThrow(RangeError);
    expect(() => computeCost(u, { ...m, modelRatio: -0.1 }, 1)).toThrow(RangeError);
    expect(() => computeCost(u, { ...m, completionRatio: Infinity }, 1)).toThrow(RangeError);
    expect(() => computeCost(u, { ...m, cacheRatio: NaN }, 1)).toThrow(RangeError);
    expect(() => computeCost(u, m, -1)).toThrow(RangeError);
    expect(() => computeCost(u, { ...m, fixedPrice: -1 }, 1)).toThrow(RangeError);
  });

  it("refuses a cost beyond the safe integer range instead of rounding it", () => {
    const m = { modelRatio: 1e12, completionRatio: 1, cacheRatio: 1 };
    expect(() => computeCost({ promptTokens: 1e6, completionTokens: 0 }, m, 10)).toThrow(RangeError);
  });

  it("equals an independent big-rational reference", () => {
    fc.assert(
      fc.property(tokens, tokens, tokens, decArb(), decArb(), decArb(), groupArb, (u, c, p, cr, pr, mr, gr) => {
        const cost = computeCost({ promptTokens: u + c, cachedTokens: c, completionTokens: p }, pricing(mr, pr, cr), gr.value);
        expect(BigInt(cost)).toBe(reference(BigInt(u), BigInt(c), BigInt(p), cr, pr, mr, gr));
        expect(Number.isInteger(cost) && cost >= 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("handles ratios written in exponent notation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 9, max: 20 }), tokens, (k, j, u) => {
        const mr = dec(k, j);
        expect(String(mr.value)).toMatch(/e-/);
        const cost = computeCost({ promptTokens: u, completionTokens: 0 }, pricing(mr, dec(1, 0), dec(1, 0)), 1);
        expect(BigInt(cost)).toBe(reference(BigInt(u), 0n, 0n, dec(1, 0), dec(1, 0), mr, dec(1, 0)));
      }),
    );
  });

  it("is monotonic in every token count and every ratio", () => {
    const bump = (d: Dec, by: number): Dec => dec(Number(d.k) * 10 + by, d.j + 1);
    fc.assert(
      fc.property(
        tokens, tokens, tokens, decArb(), decArb(), decArb(), groupArb,
        fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 9 }),
        (u, c, p, cr, pr, mr, gr, dt, dr) => {
          const cost = (uu: number, cc: number, pp: number, a = cr, b = pr, m = mr, g = gr) =>
            computeCost({ promptTokens: uu + cc, cachedTokens: cc, completionTokens: pp }, pricing(m, b, a), g.value);
          const base = cost(u, c, p);
          expect(cost(u + dt, c, p)).toBeGreaterThanOrEqual(base);
          expect(cost(u, c + dt, p)).toBeGreaterThanOrEqual(base);
          expect(cost(u, c, p + dt)).toBeGreaterThanOrEqual(base);
          expect(cost(u, c, p, bump(cr, dr))).toBeGreaterThanOrEqual(base);
          expect(cost(u, c, p, cr, bump(pr, dr))).toBeGreaterThanOrEqual(base);
          expect(cost(u, c, p, cr, pr, bump(mr, dr))).toBeGreaterThanOrEqual(base);
          expect(cost(u, c, p, cr, pr, mr, bump(gr, dr))).toBeGreaterThanOrEqual(base);
        },
      ),
    );
  });

  it("scales with the group ratio: 2 costs four times 0.5, up to rounding", () => {
    fc.assert(
      fc.property(tokens, tokens, decArb(), decArb(), (u, p, pr, mr) => {
        const m = pricing(mr, pr, dec(1, 0));
        const usage = { promptTokens: u, completionTokens: p };
        const half = computeCost(usage, m, 0.5);
        const double = computeCost(usage, m, 2);
        expect(double).toBeLessThanOrEqual(4 * half);
        expect(double).toBeGreaterThanOrEqual(4 * half - 3);
        expect(computeCost(usage, m, 1)).toBeLessThanOrEqual(double);
      }),
    );
  });

  it("charges a fixed price per call regardless of tokens", () => {
    fc.assert(
      fc.property(tokens, tokens, decArb(100_000, 0, 6), groupArb, (u, p, price, gr) => {
        const m = { modelRatio: 5, completionRatio: 2, cacheRatio: 1, fixedPrice: price.value };
        const cost = computeCost({ promptTokens: u, completionTokens: p }, m, gr.value);
        expect(cost).toBe(computeCost({ promptTokens: 0, completionTokens: 0 }, m, gr.value));
        const num = price.k * BigInt(CREDITS_PER_USD) * gr.k;
        const den = 10n ** BigInt(price.j + gr.j);
        expect(BigInt(cost)).toBe(num / den + (num % den === 0n ? 0n : 1n));
      }),
    );
    expect(computeCost({ promptTokens: 0, completionTokens: 0 }, { modelRatio: 1, completionRatio: 1, cacheRatio: 1, fixedPrice: 0.04 }, 1)).toBe(20_000);
  });
});

describe("worstCaseCost", () => {
  it("prices the bound as uncached prompt plus the full output", () => {
    const m = { modelRatio: 1, completionRatio: 4, cacheRatio: 0.5 };
    expect(worstCaseCost(100, 50, m, 1)).toBe(300);
  });

  it("prices the prompt at the cache rate when caching is dearer", () => {
    const m = { modelRatio: 1, completionRatio: 1, cacheRatio: 1.25 };
    expect(worstCaseCost(100, 0, m, 1)).toBe(125);
  });

  it("is never below the cost of any usage within the bound", () => {
    fc.assert(
      fc.property(tokens, tokens, tokens, tokens, decArb(2000), decArb(), decArb(), (bound, maxOut, a, b, cr, pr, mr) => {
        const m = pricing(mr, pr, cr);
        const prompt = Math.min(a, bound);
        const usage = { promptTokens: prompt, cachedTokens: Math.min(b, prompt), completionTokens: Math.min(b, maxOut) };
        expect(worstCaseCost(bound, maxOut, m, 1.5)).toBeGreaterThanOrEqual(computeCost(usage, m, 1.5));
      }),
    );
  });
});

describe("effectiveRates", () => {
  it("expresses a token-priced model per 1M tokens in credits and USD", () => {
    const rates = effectiveRates({ modelRatio: 0.075, completionRatio: 4, cacheRatio: 0.5 }, 1);
    expect(rates).toEqual({
      kind: "tokens",
      inputCreditsPer1M: 75_000,
      cachedInputCreditsPer1M: 37_500,
      outputCreditsPer1M: 300_000,
      inputUsdPer1M: 0.15,
      cachedInputUsdPer1M: 0.075,
      outputUsdPer1M: 0.6,
    });
    const ratio1 = effectiveRates({ modelRatio: 1, completionRatio: 1, cacheRatio: 1 }, 1);
    expect(ratio1.kind === "tokens" && ratio1.inputUsdPer1M).toBe(2);
  });

  it("applies the group ratio and the fixed price", () => {
    const r = effectiveRates({ modelRatio: 0.075, completionRatio: 4, cacheRatio: 0.5 }, 2);
    expect(r.kind === "tokens" && r.inputUsdPer1M).toBe(0.3);
    expect(effectiveRates({ modelRatio: 1, completionRatio: 1, cacheRatio: 1, fixedPrice: 0.04 }, 0.5)).toEqual({
      kind: "fixed",
      creditsPerCall: 10_000,
      usdPerCall: 0.02,
    });
  });
});
