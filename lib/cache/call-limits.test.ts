import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryCallLimiter, redisAdmit, redisRelease, redisRenew, WINDOW_MS } from "@/lib/cache/call-limits";
import type { AdmitRequest, CallLimits } from "@/lib/gateway/types";

type Check = { ok: boolean; refusedBy: string | null; retryAfterMs: number; requests: unknown; tokens: { remaining: number } | null };

/** The same scenarios run against both implementations: they must agree to the millisecond. */
type Impl = {
  admit(r: AdmitRequest): Promise<Check>;
  release(key: string, id: string, actual: number | null): Promise<void>;
  renew(key: string, id: string, until: number): Promise<void>;
};

const LEASE = 10_000;
const T0 = 1_900_000_000_000;
let seq = 0;
const req = (key: string, limits: Partial<CallLimits>, now: number, tokens = 0): AdmitRequest => ({
  key,
  id: `r${++seq}`,
  limits: { rpm: null, tpm: null, concurrency: null, ...limits },
  tokens,
  now,
});

function memory(): Impl {
  const m = new MemoryCallLimiter();
  return {
    admit: async (r) => m.admit(r, LEASE),
    release: async (k, id, a) => m.release(k, id, a),
    renew: async (k, id, u) => m.renew(k, id, u),
  };
}

const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `gwtest${randomBytes(4).toString("hex")}:`;
let redis: Redis;

function inRedis(): Impl {
  return {
    admit: (r) => redisAdmit(redis, prefix + r.key, r, LEASE),
    release: (k, id, a) => redisRelease(redis, prefix + k, id, a),
    renew: (k, id, u) => redisRenew(redis, prefix + k, id, u),
  };
}

beforeAll(() => {
  redis = new Redis(url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

for (const [name, make] of [["in process", memory], ["in Redis (Lua)", inRedis]] as const) {
  describe(`call limits ${name}`, () => {
    it("admits exactly the requests per minute in a sliding window, and says when the next one may come", async () => {
      const l = make();
      const key = `rpm${seq}`;
      for (let i = 0; i < 3; i++) expect((await l.admit(req(key, { rpm: 3 }, T0 + i * 1000))).ok).toBe(true);
      const refused = await l.admit(req(key, { rpm: 3 }, T0 + 30_000));
      expect(refused).toMatchObject({ ok: false, refusedBy: "requests", retryAfterMs: 30_000, requests: { limit: 3, remaining: 0 } });
      // The first request leaves the window one minute after it came; only then is there room again.
      expect((await l.admit(req(key, { rpm: 3 }, T0 + WINDOW_MS - 1))).ok).toBe(false);
      const next = await l.admit(req(key, { rpm: 3 }, T0 + WINDOW_MS));
      expect(next).toMatchObject({ ok: true, requests: { limit: 3, remaining: 0, resetMs: WINDOW_MS } });
    });

    it("counts tokens on entry and corrects them to real usage on release", async () => {
      const l = make();
      const key = `tpm${seq}`;
      const a = req(key, { tpm: 1000 }, T0, 600);
      expect(await l.admit(a)).toMatchObject({ ok: true, tokens: { limit: 1000, remaining: 400 } });
      const b = await l.admit(req(key, { tpm: 1000 }, T0 + 10, 600));
      expect(b).toMatchObject({ ok: false, refusedBy: "tokens", retryAfterMs: WINDOW_MS - 10 });
      await l.release(key, a.id, 50);
      expect(await l.admit(req(key, { tpm: 1000 }, T0 + 20, 600))).toMatchObject({ ok: true, tokens: { remaining: 350 } });
      // A request larger than the whole limit can never pass.
      expect(await l.admit(req(key, { tpm: 1000 }, T0 + 30, 1001))).toMatchObject({ ok: false, refusedBy: "tokens", retryAfterMs: WINDOW_MS });
      // Once the window has moved past them, counted tokens no longer count.
      expect(await l.admit(req(key, { tpm: 1000 }, T0 + WINDOW_MS + 21, 1000))).toMatchObject({ ok: true, tokens: { remaining: 0 } });
    });

    it("holds a slot per request in flight until it is released, or its lease runs out", async () => {
      const l = make();
      const key = `conc${seq}`;
      const a = req(key, { concurrency: 2 }, T0);
      const b = req(key, { concurrency: 2 }, T0);
      expect((await l.admit(a)).ok).toBe(true);
      expect((await l.admit(b)).ok).toBe(true);
      expect(await l.admit(req(key, { concurrency: 2 }, T0 + 1))).toMatchObject({ ok: false, refusedBy: "concurrency" });
      await l.release(key, a.id, null);
      expect((await l.admit(req(key, { concurrency: 2 }, T0 + 2))).ok).toBe(true);
      // b is renewed; the third one (never released: its process died) expires with its lease.
      await l.renew(key, b.id, T0 + 3 * LEASE);
      expect((await l.admit(req(key, { concurrency: 2 }, T0 + LEASE + 3))).ok).toBe(true);
      expect((await l.admit(req(key, { concurrency: 2 }, T0 + LEASE + 4))).ok).toBe(false);
    });

    it("counts nothing for a refused request", async () => {
      const l = make();
      const key = `mixed${seq}`;
      const limits = { rpm: 5, tpm: 100, concurrency: 5 };
      expect((await l.admit(req(key, limits, T0, 90))).ok).toBe(true);
      expect(await l.admit(req(key, limits, T0 + 1, 20))).toMatchObject({ ok: false, refusedBy: "tokens" });
      expect(await l.admit(req(key, limits, T0 + 2, 10))).toMatchObject({ ok: true, requests: { remaining: 3 }, tokens: { remaining: 0 } });
    });
  });
}

describe("call limits in Redis under concurrency", () => {
  it("admits exactly the limit out of many checks racing on several connections", async () => {
    const conns = Array.from({ length: 4 }, () => new Redis(url, { maxRetriesPerRequest: 1 }));
    try {
      const key = `race${++seq}`;
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => redisAdmit(conns[i % 4], prefix + key, req(key, { rpm: 10, concurrency: 50 }, T0 + i), LEASE)),
      );
      expect(answers.filter((a) => a.ok)).toHaveLength(10);
    } finally {
      for (const c of conns) c.disconnect();
    }
  });
});
