import { CREDITS_PER_USD } from "@/lib/billing/pricing";

export { CREDITS_PER_USD };

// Formatting runs on the server and in the browser with the same locale (en-US) and the viewer's
// time zone passed in, so both render the same text.
const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const ratio = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const usd = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", ...options });
const cents = usd({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
const subDollar = usd({ minimumFractionDigits: 2, maximumFractionDigits: 4 });
const subCent = usd({ maximumSignificantDigits: 2 });

/**
 * Dollars, by one rule everywhere (balances, costs, prices): from $1 in cents ("$25.00"), below $1
 * up to four decimals ("$0.0375"), below one cent two significant digits ("$0.00005").
 */
export function formatDollars(amount: number): string {
  const a = Math.abs(amount);
  if (a >= 1 || a === 0) return cents.format(amount);
  return a >= 0.01 ? subDollar.format(amount) : subCent.format(amount);
}

/** Credits as dollars: 500000 → "$1.00". */
export function formatUsd(credits: number): string {
  return formatDollars(credits / CREDITS_PER_USD);
}

/** An amount of credits with its unit: 1234567 → "1,234,567 credits", 1 → "1 credit". */
export function formatCredits(credits: number): string {
  return `${integer.format(credits)} ${Math.abs(credits) === 1 ? "credit" : "credits"}`;
}

/** Any count with thousands separators: 12345 → "12,345". */
export function formatNumber(n: number): string {
  return integer.format(n);
}

/** Short counts for chart axes: 12345 → "12.3K". */
export function formatCompact(n: number): string {
  return compact.format(n);
}

/** A ratio or multiplier with thousands separators and up to 6 decimals: 1234.5 → "1,234.5". */
export function formatRatio(n: number): string {
  return ratio.format(n);
}

type DateInput = string | number | Date;

const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

/** A date in `timeZone`: "Mar 5, 2025". */
export function formatDate(value: DateInput | null | undefined, timeZone: string): string {
  if (value == null) return "—";
  return toDate(value).toLocaleDateString("en-US", { timeZone, year: "numeric", month: "short", day: "numeric" });
}

/**
 * A date and time in `timeZone`, labelled with the zone: "Mar 5, 2025, 14:03 PST"; with `seconds`,
 * "14:03:27 PST"; `zoneName: false` leaves the zone out (for a table whose header names it).
 */
export function formatDateTime(
  value: DateInput | null | undefined,
  timeZone: string,
  { seconds = false, zoneName = true }: { seconds?: boolean; zoneName?: boolean } = {},
): string {
  if (value == null) return "—";
  return toDate(value).toLocaleString("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds && { second: "2-digit" }),
    ...(zoneName && { timeZoneName: "short" }),
  });
}

/** "3 minutes ago", "in 2 days"; "—" for null. */
export function formatRelative(value: DateInput | null | undefined, now: number = Date.now()): string {
  if (value == null) return "—";
  const diff = toDate(value).getTime() - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 365 * 86_400_000],
    ["month", 30 * 86_400_000],
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
  ];
  for (const [unit, ms] of units) if (abs >= ms) return rtf.format(Math.round(diff / ms), unit);
  return rtf.format(Math.round(diff / 1000), "second");
}

/** Latency: 1234 → "1.23 s", 87 → "87 ms". */
export function formatLatency(ms: number | null | undefined): string {
  if (ms == null) return "—";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms} ms`;
}
