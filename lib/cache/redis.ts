// The optional Redis connection (REDIS_URL). Redis only shares what each instance could also keep
// alone (cache invalidations, limit counters), so an outage must cost nothing but that sharing:
// commands fail at once while it is down (no offline queue, a short command timeout), callers fall
// back to their per-instance form, and the outage and the recovery are logged once each.
import type { Redis } from "ioredis";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";

export type RedisState = "off" | "connecting" | "ready" | "down";

const REDIS = Symbol.for("gateway.redis");
type Shared = { client: Promise<Redis> | null; state: RedisState };

// On globalThis: Next's bundle and lib/server's bundle share one connection and one state.
function shared(): Shared {
  const g = globalThis as { [REDIS]?: Shared };
  if (!g[REDIS]) {
    const url = getConfig().redisUrl;
    g[REDIS] = { client: null, state: url ? "connecting" : "off" };
    if (url) g[REDIS].client = connect(url, g[REDIS]);
  }
  return g[REDIS];
}

/** Prefix of every key and channel this gateway uses in Redis (several installs may share one). */
export function redisPrefix(): string {
  return getConfig().redisKeyPrefix;
}

/** "off" without REDIS_URL; otherwise whether the connection is up right now. */
export function redisState(): RedisState {
  return shared().state;
}

/** The shared command connection when REDIS_URL is set, else null. */
export function getRedis(): Promise<Redis> | null {
  return shared().client;
}

/**
 * Runs `command` on Redis when it is up, else (or when it fails) `fallback`: callers never wait
 * for a Redis that is not there.
 */
export async function withRedis<T>(command: (r: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
  const s = shared();
  if (!s.client || s.state !== "ready") return fallback();
  try {
    return await command(await s.client);
  } catch {
    return fallback();
  }
}

/** A new connection (subscribers need their own). `track` receives its up/down transitions. */
export async function connect(url: string, track?: { state: RedisState }): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const conn = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 500,
    // Keep trying, at most every 5 s, for as long as it takes.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  conn.on("ready", () => {
    if (track?.state === "down") log().info("redis reachable again: sharing caches and limits across instances");
    if (track) track.state = "ready";
  });
  conn.on("error", (e: Error) => {
    if (!track) return;
    if (track.state !== "down") {
      log().error({ error: e.message }, "redis unreachable: caches and limits are per instance until it is back");
    }
    track.state = "down";
  });
  return conn;
}
