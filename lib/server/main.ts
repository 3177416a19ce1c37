// The Node entry that `npm start` runs: config, migrations, bootstrap, then Next behind a
// plain http server that records the TCP peer address before Next sees the request.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { ConfigError, getConfig } from "@/lib/config";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { ensureEncryptionKey } from "@/lib/crypto/channel-keys";
import { closeRaw } from "@/lib/db/raw";
import { startJobs } from "@/lib/server/jobs";
import { runShutdownHooks } from "@/lib/server/lifecycle";
import { createRouter } from "@/lib/server/router";
import { log } from "@/lib/log";

async function main() {
  let config;
  try {
    config = getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      // For the person starting it, whatever LOG_LEVEL says: the process stops here.
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  process.env.DATABASE_URL = config.databaseUrl;
  process.env.NEXTAUTH_SECRET = ensureAuthSecret(config.authSecret, config.dataDir);
  // Read by lib/crypto in this process, Next's bundle and the database child (which re-seals old keys).
  process.env.ENCRYPTION_KEY = ensureEncryptionKey(config.encryptionKey, config.dataDir);
  // next-auth builds its URLs from the Host header; lib/server vouches for the forwarded headers.
  process.env.AUTH_TRUST_HOST = "true";
  const dev = process.env.NODE_ENV === "development";

  await prepareDatabaseInChild();
  startJobs(config);

  if (!dev) useBuiltNextConfig();
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), hostname: config.hostname, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  let inFlight = 0;
  let drained: (() => void) | null = null;
  const router = createRouter(config, handle);
  const server = createServer(
    // Checked every second, so the request timeout cuts off a stalled client on time.
    { connectionsCheckingInterval: 1_000 },
    (req: IncomingMessage, res: ServerResponse) => {
      inFlight++;
      res.once("close", () => {
        inFlight--;
        if (inFlight === 0) drained?.();
      });
      router(req, res);
    },
  );
  server.keepAliveTimeout = 65_000;
  // The time a client may take to send its request (headers and body). It ends when the request
  // is received: answers, streams included, may take as long as they need.
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(66_000, config.requestTimeoutMs);

  server.once("error", (err) => {
    // Most often the port is taken: an instance that cannot serve must not keep running.
    log().fatal({ host: config.hostname, port: config.port, error: err.message }, "cannot listen");
    process.exit(1);
  });
  server.listen(config.port, config.hostname, () => {
    const addr = server.address();
    const port = typeof addr === "object" && addr ? addr.port : config.port;
    log().info({ url: `http://${config.hostname}:${port}`, mode: dev ? "development" : "production" }, "gateway listening");
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log().info({ signal, inFlight }, "no longer accepting connections; finishing requests in flight");
    server.close();
    server.closeIdleConnections();
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        drained = resolve;
        setTimeout(resolve, config.shutdownTimeoutMs).unref();
      });
    }
    server.closeAllConnections();
    await runShutdownHooks();
    const { disconnectDb } = await import("@/lib/db/client");
    await Promise.all([disconnectDb(), closeRaw()]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/**
 * In production, Next reads the configuration its build resolved (as its own standalone server
 * does) instead of compiling next.config.ts at start: that keeps its compiler, a native module of
 * about 25 MB, out of the serving process.
 */
function useBuiltNextConfig(): void {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = path.join(process.cwd(), distDir, "required-server-files.json");
  if (!existsSync(manifest)) return;
  const { config } = JSON.parse(readFileSync(manifest, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

/**
 * Migrations and first-start work (default group, catalog, admin) run in a child process of this
 * same entry: the schema engine and Prisma are large, and the memory they take is given back when
 * the child exits. The serving process reaches the database through the drivers alone until the
 * dashboard or the management API needs Prisma.
 */
async function prepareDatabaseInChild(): Promise<void> {
  // Loader flags (tsx in development) carry over; profiling flags do not.
  const flags = process.execArgv.filter((a) => !a.startsWith("--cpu-prof") && !a.startsWith("--heap-prof"));
  const child = spawn(process.execPath, [...flags, process.argv[1], MIGRATE], { stdio: "inherit", env: process.env });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`preparing the database failed (exit code ${code})`);
}

async function prepareDatabase() {
  // Loaded here only: the serving process never needs the schema engine, and needs Prisma only
  // in Next's bundle (dashboard and management API).
  const [{ applyMigrations }, { bootstrap }, { disconnectDb }] = await Promise.all([
    import("@/lib/db/migrations"),
    import("@/lib/server/bootstrap"),
    import("@/lib/db/client"),
  ]);
  const config = getConfig();
  const { applied } = await applyMigrations(config.databaseUrl);
  if (applied.length) log().info({ migrations: applied }, "applied migrations");
  await bootstrap(config);
  await disconnectDb();
}

const MIGRATE = "--prepare-database";

(process.argv[2] === MIGRATE ? prepareDatabase().then(() => process.exit(0)) : main()).catch((err) => {
  log().fatal({ err }, "failed to start");
  process.exit(1);
});
