import type { UsageBucket } from "@/lib/db/usage";

const DAY_MS = 86_400_000;

/** Midnight UTC `days - 1` days before today: the start of a "last N days" window. */
export function windowStart(days: number, now: Date = new Date()): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

/** Day buckets from `from` for `days` days (UTC), zero-filled where nothing happened. */
export function fillDays(buckets: UsageBucket[], from: Date, days: number): { day: string; requests: number; cost: number }[] {
  const byDay = new Map(buckets.map((b) => [b.key, b]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    const b = byDay.get(day);
    return { day, requests: b?.requests ?? 0, cost: b?.cost ?? 0 };
  });
}

/** Inclusive day count between two UTC dates (at least 1, at most `max`). */
export function daysBetween(from: Date, to: Date, max = 366): number {
  return Math.max(1, Math.min(max, Math.round((to.getTime() - from.getTime()) / DAY_MS)));
}
