// Budget periods (a token's quota, a user's spend limit): calendar days, ISO weeks (from Monday)
// and months in one configured time zone. A period is named by the instant it starts (epoch ms);
// `none` is one period that never ends, starting at 0.
import { addDays, startOfDay, zonedDay } from "@/lib/time-zone";

export const QUOTA_PERIODS = ["none", "daily", "weekly", "monthly"] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];
export const SPEND_PERIODS = ["daily", "weekly", "monthly"] as const;
export type SpendPeriod = (typeof SPEND_PERIODS)[number];

/** The first day of the period holding calendar day `day` (`YYYY-MM-DD`). */
function firstDay(period: Exclude<QuotaPeriod, "none">, day: string): string {
  if (period === "daily") return day;
  if (period === "monthly") return `${day.slice(0, 8)}01`;
  const [y, m, d] = day.split("-").map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

// The current period of each (period, zone), kept while it lasts: every relay call asks for it,
// and working it out takes several Intl calls (5% of the relay's CPU before this cache).
const current = new Map<string, { start: number; end: number }>();

/** The start (epoch ms) of the period that holds `now`, in `zone`; 0 for `none`. */
export function periodStartAt(period: QuotaPeriod, now: number, zone: string): number {
  if (period === "none") return 0;
  const key = `${period} ${zone}`;
  const known = current.get(key);
  if (known && now >= known.start && now < known.end) return known.start;
  const start = startOfDay(firstDay(period, zonedDay(new Date(now), zone)), zone).getTime();
  if (current.size >= 256) current.clear();
  current.set(key, { start, end: periodEndAt(period, now, zone)! });
  return start;
}

/** When the period that holds `now` ends (the next one starts), in `zone`; null for `none`. */
export function periodEndAt(period: QuotaPeriod, now: number, zone: string): number | null {
  if (period === "none") return null;
  const first = firstDay(period, zonedDay(new Date(now), zone));
  let next: string;
  if (period === "daily") next = addDays(first, 1);
  else if (period === "weekly") next = addDays(first, 7);
  else {
    const [y, m] = first.split("-").map(Number);
    next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  }
  return startOfDay(next, zone).getTime();
}

/**
 * What counts against a budget in the period holding `now`: the stored period's usage while it
 * is still current, else nothing (the period has turned; the next call stores the reset).
 */
export function usedInPeriod(period: QuotaPeriod, used: number, storedStart: number, now: number, zone: string): number {
  return storedStart >= periodStartAt(period, now, zone) ? used : 0;
}
