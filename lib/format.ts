import { CREDITS_PER_USD } from "@/lib/billing/pricing";

export { CREDITS_PER_USD };

// Formatting runs on the server and in the browser; undefined = the runtime's locale
// (the browser's on the client). Numbers use en-US so server and client render the same text.
const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });
// Sub-cent amounts (a single cheap call) keep two significant digits instead of rounding to $0.00.
const tinyUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 2 });

function dollars(amount: number): string {
  return amount !== 0 && Math.abs(amount) < 0.01 ? tinyUsd.format(amount) : usd.format(amount);
}

/** 1234567 → "1,234,567". */
export function formatCredits(credits: number): string {
  return integer.format(credits);
}

/** Any count with thousands separators: 12345 → "12,345". */
export function formatNumber(n: number): string {
  return integer.format(n);
}

/** Short counts for chart axes: 12345 → "12.3K". */
export function formatCompact(n: number): string {
  return compact.format(n);
}

/** Credits as dollars: 500000 → "$1.00". */
export function formatUsd(credits: number): string {
  return dollars(credits / CREDITS_PER_USD);
}

/** A dollar amount (not credits): 0.5 → "$0.50". */
export function formatDollars(amount: number): string {
  return dollars(amount);
}

type DateInput = string | number | Date;

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A date in the viewer's locale: "Mar 5, 2025". */
export function formatDate(value: DateInput | null | undefined, locale?: string): string {
  if (value == null) return "—";
  return toDate(value).toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" });
}

/** A date and time in the viewer's locale: "Mar 5, 2025, 14:03" (with `seconds`, "14:03:27"). */
export function formatDateTime(value: DateInput | null | undefined, locale?: string, seconds = false): string {
  if (value == null) return "—";
  return toDate(value).toLocaleString(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds && { second: "2-digit" }),
  });
}

/** "3 minutes ago", "in 2 days"; falls back to "—" for null. */
export function formatRelative(value: DateInput | null | undefined, now: number = Date.now(), locale?: string): string {
  if (value == null) return "—";
  const diff = toDate(value).getTime() - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
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
