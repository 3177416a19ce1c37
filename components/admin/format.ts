const ratio = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6 });

/** A ratio or multiplier with thousands separators and up to 6 decimals: 1234.5 → "1,234.5". */
export function formatRatio(n: number): string {
  return ratio.format(n);
}

/** A USD price that keeps small amounts visible: 0.0375 → "$0.0375", 2 → "$2.00". */
export function formatPrice(usd: number): string {
  return dollars.format(usd);
}
