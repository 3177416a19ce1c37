import { addDays, zonedDay } from "@/lib/time-zone";

/** The last `days` days in the viewer's `zone`, today included: `YYYY-MM-DD` from and to. */
export function lastDays(days: number, zone: string, now: Date = new Date()): { fromDay: string; toDay: string } {
  const toDay = zonedDay(now, zone);
  return { fromDay: addDays(toDay, -(days - 1)), toDay };
}

/** How many days a chart spans at most (longer ranges show their last year). */
export const MAX_CHART_DAYS = 366;
