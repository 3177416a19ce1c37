import { describe, expect, test } from "vitest";
import { periodEndAt, periodStartAt, usedInPeriod } from "@/lib/billing/periods";

const at = (iso: string) => new Date(iso).getTime();

describe("budget periods", () => {
  test("days, ISO weeks and months start at midnight UTC", () => {
    const now = at("2030-01-16T13:45:00Z"); // a Wednesday
    expect(periodStartAt("daily", now, "UTC")).toBe(at("2030-01-16T00:00:00Z"));
    expect(periodStartAt("weekly", now, "UTC")).toBe(at("2030-01-14T00:00:00Z"));
    expect(periodStartAt("monthly", now, "UTC")).toBe(at("2030-01-01T00:00:00Z"));
    expect(periodStartAt("none", now, "UTC")).toBe(0);
    expect(periodEndAt("daily", now, "UTC")).toBe(at("2030-01-17T00:00:00Z"));
    expect(periodEndAt("weekly", now, "UTC")).toBe(at("2030-01-21T00:00:00Z"));
    expect(periodEndAt("monthly", now, "UTC")).toBe(at("2030-02-01T00:00:00Z"));
    expect(periodEndAt("monthly", at("2030-12-31T23:59:59Z"), "UTC")).toBe(at("2031-01-01T00:00:00Z"));
    expect(periodEndAt("none", now, "UTC")).toBeNull();
  });

  test("a configured zone moves the boundaries to its midnight, DST included", () => {
    // 2030-03-10 is the day Los Angeles moves to PDT (UTC-7).
    const now = at("2030-03-10T12:00:00Z");
    expect(periodStartAt("daily", now, "America/Los_Angeles")).toBe(at("2030-03-10T08:00:00Z"));
    expect(periodEndAt("daily", now, "America/Los_Angeles")).toBe(at("2030-03-11T07:00:00Z"));
    expect(periodStartAt("monthly", at("2030-03-01T05:00:00Z"), "America/Los_Angeles")).toBe(at("2030-02-01T08:00:00Z"));
  });

  test("usage of a period that has turned no longer counts", () => {
    const start = at("2030-01-16T00:00:00Z");
    expect(usedInPeriod("daily", 500, start, at("2030-01-16T23:59:59Z"), "UTC")).toBe(500);
    expect(usedInPeriod("daily", 500, start, at("2030-01-17T00:00:00Z"), "UTC")).toBe(0);
    expect(usedInPeriod("none", 500, 0, at("2030-01-17T00:00:00Z"), "UTC")).toBe(500);
  });

  test("the remembered current period answers like a fresh computation, whatever order instants come in", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const zone of ["UTC", "America/Los_Angeles", "Asia/Kolkata"]) {
      for (const period of ["daily", "weekly", "monthly"] as const) {
        for (let i = 0; i < 200; i++) {
          const now = Date.UTC(2026, 0, 1) + Math.floor(random() * 400 * 86_400_000);
          const start = periodStartAt(period, now, zone);
          const end = periodEndAt(period, now, zone)!;
          expect(start).toBeLessThanOrEqual(now);
          expect(now).toBeLessThan(end);
          expect(periodStartAt(period, end, zone)).toBe(end);
          expect(periodStartAt(period, end - 1, zone)).toBe(start);
          expect(periodStartAt(period, start - 1, zone)).toBeLessThan(start);
          expect(periodStartAt(period, now, zone)).toBe(start);
        }
      }
    }
  });
});
