import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * What a cache holds and a write can make stale:
 * - "token": one token (key = its keyHash) or, without a key, every token (user status/group changed)
 * - "routing": groups, models, channels (what the relay routes and prices with)
 */
export type Topic = "token" | "routing";
type Listener = (topic: Topic, key?: string) => void;

const CHANNEL = "gateway:invalidate";
const BUS = Symbol.for("gateway.cacheBus");

type Bus = {
  listeners: Set<Listener>;
  instanceId: string;
  publisher?: Redis;
  subscriber?: Redis;
  redisStarted: boolean;
};

// On globalThis: Next bundles route code apart from lib/server, and both must share one bus.
function bus(): Bus {
  const g = globalThis as { [BUS]?: Bus };
  g[BUS] ??= { listeners: new Set(), instanceId: randomUUID(), redisStarted: false };
  return g[BUS];
}

function emitLocal(topic: Topic, key?: string) {
  for (const fn of bus().listeners) fn(topic, key);
}

async function startRedis(b: Bus) {
  const url = process.env.REDIS_URL;
  if (!url || b.redisStarted) return;
  b.redisStarted = true;
  const { Redis } = await import("ioredis");
  b.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  b.subscriber = new Redis(url);
  for (const conn of [b.publisher, b.subscriber]) conn.on("error", (e) => console.error("redis:", e.message));
  await b.subscriber.subscribe(CHANNEL);
  b.subscriber.on("message", (_channel, raw) => {
    try {
      const msg = JSON.parse(raw) as { from: string; topic: Topic; key?: string };
      if (msg.from !== b.instanceId) emitLocal(msg.topic, msg.key);
    } catch {
      // ignore foreign messages
    }
  });
}

/** Subscribes a cache to invalidations from this process and, with REDIS_URL, from every instance. */
export function onInvalidate(listener: Listener): () => void {
  const b = bus();
  b.listeners.add(listener);
  void startRedis(b).catch((e) => console.error("redis subscribe failed:", e));
  return () => b.listeners.delete(listener);
}

/** Tells every cache (here and, with REDIS_URL, in other instances) that data changed. */
export function invalidate(topic: Topic, key?: string): void {
  emitLocal(topic, key);
  const b = bus();
  if (!process.env.REDIS_URL) return;
  void startRedis(b)
    .then(() => b.publisher?.publish(CHANNEL, JSON.stringify({ from: b.instanceId, topic, key })))
    .catch((e) => console.error("redis publish failed:", e.message));
}
