import { describe, expect, it } from "vitest";
import { memoryRateLimiter } from "@/lib/cache/rate-limit";

describe("memoryRateLimiter", () => {
  it("admits the limit within a minute, then answers how long to wait", async () => {
    const rl = memoryRateLimiter();
    const t0 = 28_333_334 * 60_000 + 10_000; // 10 s into a minute window
    for (let i = 0; i < 3; i++) expect(await rl.hit("a", 3, t0 + i)).toEqual({ ok: true });
    expect(await rl.hit("a", 3, t0 + 5)).toEqual({ ok: false, retryAfterSeconds: 50 });
    // Keys are independent, and the next window starts afresh.
    expect(await rl.hit("b", 3, t0)).toEqual({ ok: true });
    expect(await rl.hit("a", 3, t0 + 50_000)).toEqual({ ok: true });
  });
});
