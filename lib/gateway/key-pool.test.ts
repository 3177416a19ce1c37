import { describe, expect, it } from "vitest";
import { COOLDOWN_MS, KeyPool } from "@/lib/gateway/key-pool";

const channel = { id: 4, apiKeys: ["k1", "k2", "k3"] };

describe("KeyPool", () => {
  it("hands out a channel's keys in turn", () => {
    const pool = new KeyPool(() => 0);
    expect([1, 2, 3, 4, 5, 6].map(() => pool.pick(channel))).toEqual(["k1", "k2", "k3", "k1", "k2", "k3"]);
    expect(pool.pick({ id: 5, apiKeys: ["only"] })).toBe("only");
    expect(pool.pick({ id: 6, apiKeys: [] })).toBeNull();
  });

  it("skips a key set aside until its cooldown ends: refused keys longer than rate-limited ones", () => {
    let now = 1_000;
    const pool = new KeyPool(() => now);
    expect(pool.setAside(channel, "k2", 401)).toBe(2);
    expect(pool.setAside(channel, "k3", 429)).toBe(1);
    expect([1, 2, 3].map(() => pool.pick(channel))).toEqual(["k1", "k1", "k1"]);
    expect(pool.states(4, channel.apiKeys).map((s) => s.state)).toEqual(["ok", "cooling_down", "cooling_down"]);
    expect(pool.coolingCount(4)).toBe(2);
    now += COOLDOWN_MS.limited + 1;
    expect(new Set([1, 2].map(() => pool.pick(channel)))).toEqual(new Set(["k1", "k3"]));
    now += COOLDOWN_MS.refused;
    expect(pool.available(channel)).toBe(3);
  });

  it("when every key is set aside, picks the one that comes back first; a restored key serves at once", () => {
    let now = 0;
    const pool = new KeyPool(() => now);
    pool.setAside(channel, "k1", 401);
    now = 10;
    pool.setAside(channel, "k2", 429);
    pool.setAside(channel, "k3", 401);
    expect(pool.available(channel)).toBe(0);
    expect(pool.pick(channel)).toBe("k2");
    pool.restore(4, "k3");
    expect(pool.pick(channel)).toBe("k3");
  });
});
