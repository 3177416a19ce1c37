import { randomBytes } from "node:crypto";
import { startApp, type RunningApp } from "../support/app";
import { createTestDatabase, type TestProvider } from "../support/test-db";
import { addChannel, adminOf, ensureModels, newTokenOwner } from "../support/relay-fixture";
import { rssMb } from "./memory";
import { targetAt, type Target } from "./targets";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type ChannelHealth = { status: string; totalFailures: number; consecutiveFailures: number; lastError: string | null };

export type GatewayUnderTest = {
  app: RunningApp;
  provider: TestProvider;
  redis: boolean;
  target: Target;
  /** Resident memory (MB) as soon as it answered its health check, before any setup call. */
  startMb: number | null;
  /** The bench's channel as the gateway sees it (a healthy run leaves it active, without failures). */
  channelHealth(): Promise<ChannelHealth>;
  /** Stops the gateway (writing its CPU profile, if asked for) and removes its database and Redis keys. */
  stop(): Promise<void>;
};

/**
 * Starts the built gateway through the e2e harness on a database of its own (SQLite, or PostgreSQL
 * plus Redis), with the test models priced, one channel to the upstream and a well-funded token.
 */
export async function startGateway(opts: { postgres: boolean; upstreamUrl: string; profileDir?: string }): Promise<GatewayUnderTest> {
  const provider: TestProvider = opts.postgres ? "postgresql" : "sqlite";
  const db = await createTestDatabase(provider);
  // A prefix of its own, so the keys of this run can be found and removed.
  const redisPrefix = `gwbench${randomBytes(4).toString("hex")}:`;
  const env: Record<string, string> = opts.postgres ? { REDIS_URL, REDIS_KEY_PREFIX: redisPrefix } : {};
  const nodeArgs = opts.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`] : [];
  let app: RunningApp;
  try {
    app = await startApp({ db, env, nodeArgs });
  } catch (err) {
    await db.drop();
    throw err;
  }
  const startMb = rssMb(app.process.pid!);
  const stop = async () => {
    await app.stop();
    if (opts.postgres) await dropRedisKeys(redisPrefix);
  };
  try {
    const admin = adminOf(app);
    await ensureModels(admin);
    const channel = await addChannel(admin, opts.upstreamUrl);
    const { key } = await newTokenOwner(app, admin, { balance: 2_000_000_000 });
    return {
      app,
      provider,
      redis: opts.postgres,
      startMb,
      target: targetAt("gateway", `${app.url}/v1`, { authorization: `Bearer ${key}` }),
      channelHealth: async () => {
        const res = await admin.get<{ data: (ChannelHealth & { id: number })[] }>("/api/admin/channels");
        const c = res.body.data.find((x) => x.id === channel.id);
        if (!c) throw new Error(`channel ${channel.id} is gone`);
        return { status: c.status, totalFailures: c.totalFailures, consecutiveFailures: c.consecutiveFailures, lastError: c.lastError };
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
