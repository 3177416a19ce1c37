/**
 * The viewer's time zone, shared by the server (which reads it from a cookie the browser sets) and
 * the browser, so a time reads the same in server-rendered pages, in forms and in filters.
 */

/** The cookie holding the browser's IANA time zone (e.g. "America/Los_Angeles"). */
export const TIME_ZONE_COOKIE = "tz";

/** The zone when the browser has not said yet. */
export const DEFAULT_TIME_ZONE = "UTC";

/** `zone` when it is a time zone this runtime knows, else undefined. */
export function validTimeZone(zone: string | undefined | null): string | undefined {
  if (!zone || zone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in `zone`. */
function wallClock(instant: Date, zone: string) {
  let fmt = partsCache.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsCache.set(zone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(instant).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second };
}

/** How far `zone` is ahead of UTC at `instant`, in milliseconds (negative west of Greenwich). */
export function zoneOffsetMs(instant: Date, zone: string): number {
  const w = wallClock(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `zone` names (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`), or null when
 * the text is not such a time. A time skipped by a DST change moves forward by the gap.
 */
export function fromZoned(text: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset on either side of a DST change.
  let t = guess - zoneOffsetMs(new Date(guess), zone);
  t = guess - zoneOffsetMs(new Date(t), zone);
  const date = new Date(t);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as `YYYY-MM-DDTHH:mm` in `zone` (the value of an `<input type="datetime-local">`). */
export function toZonedInput(instant: Date | string, zone: string): string {
  const w = wallClock(new Date(instant), zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** An instant's calendar day in `zone`, as `YYYY-MM-DD`. */
export function zonedDay(instant: Date | string, zone: string): string {
  return toZonedInput(instant, zone).slice(0, 10);
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The zone's short name at an instant, e.g. "PDT", "GMT+5:30", "UTC". */
export function zoneAbbreviation(zone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}

/** Midnight at the start of `day` (`YYYY-MM-DD`) in `zone`. */
export function startOfDay(day: string, zone: string): Date {
  return fromZoned(day, zone)!;
}

/** Midnight that starts today in `zone`, and the first of this month. */
export function calendarStarts(zone: string, now: Date = new Date()): { today: Date; month: Date } {
  const day = zonedDay(now, zone);
  return { today: startOfDay(day, zone), month: startOfDay(`${day.slice(0, 8)}01`, zone) };
}
