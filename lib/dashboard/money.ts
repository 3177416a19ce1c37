import { CREDITS_PER_USD, formatCredits, formatUsd } from "@/lib/format";

/** How a person types an amount: US dollars (the default) or credits (for precise work). */
export type MoneyUnit = "usd" | "credits";

/**
 * An amount typed in `unit`, in whole credits: "$25" or "25.50" (dollars), "5,000,000" (credits).
 * Empty → undefined; anything else that is not a number → NaN.
 */
export function parseMoney(text: string, unit: MoneyUnit): number | undefined {
  let t = text.trim().replace(/[,_\s]/g, "");
  if (t === "") return undefined;
  t = unit === "usd" ? t.replace(/\$|usd/gi, "") : t.replace(/credits?$/i, "");
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return Number.NaN;
  const n = Number(t);
  return Math.round(unit === "usd" ? n * CREDITS_PER_USD : n);
}

/** Credits as text to type in `unit`: 12500000 → "25" (dollars) or "12500000" (credits). */
export function moneyText(credits: number, unit: MoneyUnit): string {
  if (unit === "credits") return String(credits);
  // Up to 6 decimals: one credit is $0.000002.
  return String(Number((credits / CREDITS_PER_USD).toFixed(6)));
}

/** The other unit's reading of an amount, shown live beside the input: "= 12,500,000 credits" or "= $25.00". */
export function moneyEquivalent(credits: number, unit: MoneyUnit): string {
  return unit === "usd" ? `= ${formatCredits(credits)}` : `= ${formatUsd(credits)}`;
}
