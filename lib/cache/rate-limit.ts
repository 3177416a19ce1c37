import type { Redis } from "ioredis";
import { redisPrefix, withRedis } from "@/lib/cache/redis";

export type RateOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts requests per key in fixed one-minute windows. */
export interface RateLimiter {
  hit(key: string, limitPerMinute: number, now: number): Promise<RateOutcome>;
}

const WINDOW_MS = 60_000;

function outcome(count: number, limit: number, now: number): RateOutcome {
  if (count <= limit) return { ok: true };
  const windowEnd = (Math.floor(now / WINDOW_MS) + 1) * WINDOW_MS;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
}

/** Counters in this process (one instance). */
export function memoryRateLimiter(): RateLimiter {
  const windows = new Map<string, { window: number; count: number }>();
  return {
    async hit(key, limit, now) {
      const window = Math.floor(now / WINDOW_MS);
      const entry = windows.get(key);
      const count = entry && entry.window === window ? entry.count + 1 : 1;
      windows.set(key, { window, count });
      if (windows.size > 100_000) {
        for (const [k, v] of windows) if (v.window !== window) windows.delete(k);
      }
      return outcome(count, limit, now);
    },
  };
}

/** Counters in Redis, shared by every instance: INCR on a key per window, expiring with it. */
async function redisHit(r: Redis, key: string, limit: number, now: number): Promise<RateOutcome> {
  const window = Math.floor(now / WINDOW_MS);
  const k = `${key}:${window}`;
  const [[, count]] = (await r.multi().incr(k).pexpire(k, WINDOW_MS * 2).exec()) as [[unknown, number], unknown];
  return outcome(count, limit, now);
}

/**
 * Counters shared through Redis when REDIS_URL is set and Redis is up; in this process otherwise
 * (and while Redis is down: limits then hold per instance instead of across instances).
 */
export function sharedRateLimiter(prefix: string): RateLimiter {
  const local = memoryRateLimiter();
  return {
    hit: (key, limit, now) =>
      withRedis(
        (r) => redisHit(r, `${redisPrefix()}${prefix}${key}`, limit, now),
        () => local.hit(key, limit, now),
      ),
  };
}
