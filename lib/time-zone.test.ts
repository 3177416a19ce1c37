import { describe, expect, test } from "vitest";
import { addDays, calendarStarts, fromZoned, toZonedInput, validTimeZone, zonedDay } from "./time-zone";

describe("the viewer's time zone", () => {
  test("a wall-clock time in a zone names the right instant, on both sides of a DST change", () => {
    expect(fromZoned("2026-01-15T09:30", "America/Los_Angeles")!.toISOString()).toBe("2026-01-15T17:30:00.000Z");
    expect(fromZoned("2026-07-15T09:30", "America/Los_Angeles")!.toISOString()).toBe("2026-07-15T16:30:00.000Z");
    expect(fromZoned("2026-03-08", "America/Los_Angeles")!.toISOString()).toBe("2026-03-08T08:00:00.000Z");
    expect(fromZoned("2026-03-09", "America/Los_Angeles")!.toISOString()).toBe("2026-03-09T07:00:00.000Z");
    expect(fromZoned("2026-06-01T00:00", "Asia/Kolkata")!.toISOString()).toBe("2026-05-31T18:30:00.000Z");
    expect(fromZoned("2026-06-01", "UTC")!.toISOString()).toBe("2026-06-01T00:00:00.000Z");
  });

  test("an instant reads back as the same wall-clock time", () => {
    const at = new Date("2026-11-27T03:15:00Z");
    expect(toZonedInput(at, "America/Los_Angeles")).toBe("2026-11-26T19:15");
    expect(fromZoned(toZonedInput(at, "Europe/Berlin"), "Europe/Berlin")!.getTime()).toBe(at.getTime());
    expect(zonedDay(at, "America/Los_Angeles")).toBe("2026-11-26");
    expect(zonedDay(at, "Asia/Tokyo")).toBe("2026-11-27");
  });

  test("today and this month start at the zone's midnight", () => {
    const { today, month } = calendarStarts("America/Los_Angeles", new Date("2026-11-27T03:15:00Z"));
    expect(today.toISOString()).toBe("2026-11-26T08:00:00.000Z");
    expect(month.toISOString()).toBe("2026-11-01T07:00:00.000Z");
  });

  test("text that is not a day or a time, and unknown zones, are refused", () => {
    expect(fromZoned("2026-13-01", "UTC")).toBeNull();
    expect(fromZoned("yesterday", "UTC")).toBeNull();
    expect(validTimeZone("Mars/Olympus")).toBeUndefined();
    expect(validTimeZone("america/los_angeles")).toBe("America/Los_Angeles");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  });
});
