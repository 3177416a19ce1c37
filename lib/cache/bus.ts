import { randomUUID } from "node:crypto";
import { connect, redisPrefix, withRedis } from "@/lib/cache/redis";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * What a cache holds and a write can make stale:
 * - "token": one token (key = its keyHash) or, without a key, every token (user status/group changed)
 * - "routing": groups, models, channels (what the relay routes and prices with)
 */
export type Topic = "token" | "routing";
type Listener = (topic: Topic, key?: string) => void;

const BUS = Symbol.for("gateway.cacheBus");

type Bus = { listeners: Set<Listener>; instanceId: string; subscribed: boolean };

// On globalThis: Next bundles route code apart from lib/server, and both must share one bus.
function bus(): Bus {
  const g = globalThis as { [BUS]?: Bus };
  g[BUS] ??= { listeners: new Set(), instanceId: randomUUID(), subscribed: false };
  return g[BUS];
}

const channel = () => `${redisPrefix()}invalidate`;

function emitLocal(topic: Topic, key?: string) {
  for (const fn of bus().listeners) fn(topic, key);
}

async function subscribe(b: Bus) {
  const url = getConfig().redisUrl;
  if (!url || b.subscribed) return;
  b.subscribed = true;
  const subscriber = await connect(url);
  let seen = false;
  subscriber.on("ready", () => {
    void subscriber.subscribe(channel()).catch(() => {});
    // Invalidations published while the connection was down were missed: start afresh.
    if (seen) {
      emitLocal("routing");
      emitLocal("token");
    }
    seen = true;
  });
  subscriber.on("error", () => {}); // the command connection reports outages
  subscriber.on("message", (_channel, raw) => {
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
  void subscribe(b).catch((err) => log().error({ err }, "redis subscribe failed"));
  return () => b.listeners.delete(listener);
}

/** Tells every cache (here and, with REDIS_URL, in other instances) that data changed. */
export function invalidate(topic: Topic, key?: string): void {
  emitLocal(topic, key);
  // Without Redis, other instances catch up when their cache entries expire (10 s).
  void withRedis(
    (r) => r.publish(channel(), JSON.stringify({ from: bus().instanceId, topic, key })),
    () => 0,
  );
}
