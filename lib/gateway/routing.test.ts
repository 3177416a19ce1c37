import { describe, expect, it } from "vitest";
import { orderChannels, upstreamModelName } from "@/lib/gateway/routing";
import type { ChannelInfo } from "@/lib/gateway/types";

const ch = (id: number, priority: number, weight: number): ChannelInfo => ({
  id,
  name: `c${id}`,
  type: "openai",
  apiVersion: null,
  headers: {},
  baseUrl: "http://127.0.0.1:1/v1",
  apiKey: "k",
  apiKeys: ["k"],
  models: ["m"],
  modelMapping: { m: "upstream-m" },
  groups: ["default"],
  priority,
  weight,
});

/** A deterministic random source (mulberry32). */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("orderChannels", () => {
  it("tries every higher priority before any lower one", () => {
    const order = orderChannels([ch(1, 0, 100), ch(2, 10, 1), ch(3, 5, 1), ch(4, 10, 1)], seeded(1));
    expect(order.slice(0, 2).map((c) => c.id).sort()).toEqual([2, 4]);
    expect(order.map((c) => c.id).slice(2)).toEqual([3, 1]);
  });

  it("splits first picks within a priority in proportion to weight", () => {
    const random = seeded(42);
    const firsts = { 1: 0, 2: 0 } as Record<number, number>;
    for (let i = 0; i < 4000; i++) firsts[orderChannels([ch(1, 0, 3), ch(2, 0, 1)], random)[0].id]++;
    expect(firsts[1] / 4000).toBeGreaterThan(0.7);
    expect(firsts[1] / 4000).toBeLessThan(0.8);
  });

  it("puts weight-0 channels last but still tries them", () => {
    for (let s = 0; s < 50; s++) {
      const order = orderChannels([ch(1, 0, 0), ch(2, 0, 1)], seeded(s));
      expect(order.map((c) => c.id)).toEqual([2, 1]);
    }
  });

  it("maps a model name per channel", () => {
    expect(upstreamModelName(ch(1, 0, 1), "m")).toBe("upstream-m");
    expect(upstreamModelName(ch(1, 0, 1), "other")).toBe("other");
  });
});

describe("sticky routing", () => {
  const five = [1, 2, 3, 4, 5].map((id) => ch(id, 0, id === 5 ? 0 : 1));
  it("sends a session to the same channel every time, and only a gone channel's sessions move", () => {
    const before = new Map<string, number>();
    for (let s = 0; s < 300; s++) {
      const key = `session-${s}`;
      const first = orderChannels(five, Math.random, key)[0].id;
      expect(orderChannels([...five].reverse(), Math.random, key)[0].id).toBe(first);
      before.set(key, first);
    }
    const without3 = five.filter((c) => c.id !== 3);
    for (const [key, first] of before) {
      const now = orderChannels(without3, Math.random, key)[0].id;
      if (first !== 3) expect(now).toBe(first);
    }
  });
  it("spreads sessions in proportion to weight, weight 0 last", () => {
    const counts = new Map<number, number>();
    for (let s = 0; s < 4000; s++) {
      const order = orderChannels([ch(1, 0, 3), ch(2, 0, 1), ch(3, 0, 0)], Math.random, `k${s}`);
      counts.set(order[0].id, (counts.get(order[0].id) ?? 0) + 1);
      expect(order[2].id).toBe(3);
    }
    expect((counts.get(1) ?? 0) / 4000).toBeGreaterThan(0.7);
    expect((counts.get(1) ?? 0) / 4000).toBeLessThan(0.8);
  });
});
