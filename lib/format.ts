export const CREDITS_PER_USD = 500_000;

const integer = new Intl.NumberFormat("en-US");
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });

/** 1234567 → "1,234,567". */
export function formatCredits(credits: number): string {
  return integer.format(credits);
}

/** Credits as dollars: 500000 → "$1.00". */
export function formatUsd(credits: number): string {
  return usd.format(credits / CREDITS_PER_USD);
}
