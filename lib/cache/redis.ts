import type { Redis } from "ioredis";
import { getConfig } from "@/lib/config";

const REDIS = Symbol.for("gateway.redis");
type Holder = { [REDIS]?: Promise<Redis> | null };

/** Prefix of every key and channel this gateway uses in Redis (several installs may share one). */
export function redisPrefix(): string {
  return getConfig().redisKeyPrefix;
}

/** The shared command connection when REDIS_URL is set, else null. One per process (kept on globalThis). */
export function getRedis(): Promise<Redis> | null {
  const holder = globalThis as Holder;
  if (holder[REDIS] === undefined) {
    const url = getConfig().redisUrl;
    holder[REDIS] = url ? connect(url) : null;
  }
  return holder[REDIS];
}

/** A new connection (for subscribers, which cannot issue other commands). */
export async function connect(url: string): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const conn = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  conn.on("error", (e) => console.error("redis:", e.message));
  return conn;
}
