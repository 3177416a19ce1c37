import { describe, expect, test } from "vitest";
import { catalogModels, LIST_PRICES } from "./catalog";
import { effectiveRates } from "./pricing";

describe("default pricing catalog", () => {
  test("every model's ratios give back its list price (never less)", () => {
    const models = catalogModels();
    expect(new Set(models.map((m) => m.name)).size).toBe(LIST_PRICES.length);
    for (const [i, m] of models.entries()) {
      const price = LIST_PRICES[i];
      const rates = effectiveRates({ ...m, fixedPrice: null }, 1);
      if (rates.kind !== "tokens") throw new Error("catalog models are priced by tokens");
      const cached = price.cached ?? price.input;
      expect(rates.inputUsdPer1M, m.name).toBe(price.input);
      for (const [got, want] of [
        [rates.outputUsdPer1M, price.output],
        [rates.cachedInputUsdPer1M, cached],
      ]) {
        expect(got, m.name).toBeGreaterThanOrEqual(want);
        expect(got - want, m.name).toBeLessThan(want * 1e-9);
      }
      expect(Number.isInteger(m.maxOutputTokens) && m.maxOutputTokens >= 1).toBe(true);
    }
  });

  test("ratios are stored as their short decimal form (no binary drift)", () => {
    const mini = catalogModels().find((m) => m.name === "gpt-4o-mini")!;
    expect(mini).toMatchObject({ modelRatio: 0.075, completionRatio: 4, cacheRatio: 0.5 });
    const flash = catalogModels().find((m) => m.name === "gemini-2.5-flash")!;
    expect(flash.completionRatio).toBe(8.333333333334);
  });

  test("Claude's cache writes cost 1.25× (5-minute) and 2× (1-hour) input, reads 0.1×; others keep the defaults", () => {
    const models = catalogModels();
    for (const name of ["claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"]) {
      expect(models.find((m) => m.name === name), name).toMatchObject({ cacheRatio: 0.1, cacheWriteRatio: 1.25, cacheWrite1hRatio: 2, contextWindow: 200_000 });
    }
    expect(models.find((m) => m.name === "gpt-5")).toMatchObject({ cacheRatio: 0.1, cacheWriteRatio: null, contextWindow: 400_000 });
    expect(models.find((m) => m.name === "gemini-2.5-pro")).toMatchObject({ cacheRatio: 0.1, completionRatio: 8, contextWindow: 1_048_576 });
    for (const m of models) expect(m.contextWindow, m.name).toBeGreaterThanOrEqual(m.maxOutputTokens);
  });
});
