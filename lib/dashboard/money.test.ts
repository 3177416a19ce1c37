import { describe, expect, test } from "vitest";
import { formatCredits, formatDollars, formatUsd } from "@/lib/format";
import { moneyEquivalent, moneyText, parseMoney } from "./money";

describe("money as people type and read it", () => {
  test.each([
    ["$25", "usd", 12_500_000],
    ["25", "usd", 12_500_000],
    ["$1,000.50", "usd", 500_250_000],
    ["0.000002", "usd", 1],
    ["-$5", "usd", -2_500_000],
    ["5,000,000", "credits", 5_000_000],
    ["12 credits", "credits", 12],
  ] as const)("%s in %s is %d credits", (text, unit, credits) => {
    expect(parseMoney(text, unit)).toBe(credits);
  });

  test("empty is no amount, anything else is NaN", () => {
    expect(parseMoney("  ", "usd")).toBeUndefined();
    expect(Number.isNaN(parseMoney("ten", "usd"))).toBe(true);
    expect(Number.isNaN(parseMoney("$", "usd"))).toBe(true);
  });

  test("switching the unit converts the typed amount", () => {
    expect(moneyText(12_500_000, "usd")).toBe("25");
    expect(moneyText(1, "usd")).toBe("0.000002");
    expect(moneyText(12_500_000, "credits")).toBe("12500000");
    expect(moneyEquivalent(12_500_000, "usd")).toBe("= 12,500,000 credits");
    expect(moneyEquivalent(12_500_000, "credits")).toBe("= $25.00");
  });

  test("one rule by magnitude for every dollar amount", () => {
    expect(formatDollars(25.0001)).toBe("$25.00");
    expect(formatDollars(1234.5)).toBe("$1,234.50");
    expect(formatDollars(0.5)).toBe("$0.50");
    expect(formatDollars(0.0375)).toBe("$0.0375");
    expect(formatDollars(0.00005)).toBe("$0.00005");
    expect(formatDollars(0)).toBe("$0.00");
    expect(formatUsd(500_000)).toBe("$1.00");
    expect(formatCredits(1)).toBe("1 credit");
    expect(formatCredits(1_234_567)).toBe("1,234,567 credits");
  });
});
