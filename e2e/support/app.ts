import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "./test-db";

/** Upstream keys and other secrets the tests hand the app: none may appear in its output. */
const SECRETS = new Set<string>(["mock-key"]);

/** Adds a secret that the app must never write to its logs (checked when it stops). */
export function registerSecret(secret: string): void {
  if (secret.length >= 6) SECRETS.add(secret);
}

// Gateway tokens (sk- and 43+ base62 characters) and any secret named above.
const TOKEN_PATTERN = /\bsk-[A-Za-z0-9]{43,}/;

/** The secrets found in an app's output (empty when none). */
export function leakedSecrets(output: string, extra: string[]): string[] {
  const found = [...SECRETS, ...extra].filter((s) => s.length >= 6 && output.includes(s)).map((s) => `${s.slice(0, 6)}…`);
  const token = TOKEN_PATTERN.exec(output);
  if (token) found.push(`${token[0].slice(0, 8)}…`);
  return found;
}

export type RunningApp = {
  url: string;
  adminApiKey: string;
  /** the encryption key the app was given (the same for every app on one database) */
  encryptionKey: string;
  db: TestDatabase;
  /** DATA_DIR of this process (removed when it stops) */
  dataDir: string;
  process: ChildProcess;
  /** Everything the app wrote to stdout and stderr. */
  logs(): string;
  /** SIGTERM and wait for exit; with keepDatabase the database outlives the process. */
  stop(opts?: { keepDatabase?: boolean }): Promise<number | null>;
};

/** The compiled server entry that `npm start` runs after building (relative to the repository root). */
export const SERVER_ENTRY = path.join(process.env.NEXT_DIST_DIR || ".next", "gateway", "main.mjs");

/** The Node flags `npm run serve` starts the server with (package.json is their one home). */
export const SERVER_NODE_FLAGS: string[] = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as { scripts: { serve: string } }
).scripts.serve
  .split(/\s+/)
  .filter((a) => a.startsWith("--"));

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built app (as `npm start` does after building) on a fresh
 * database and a loopback port, and waits until it answers /api/health.
 */
export async function startApp(
  opts: { env?: Record<string, string>; db?: TestDatabase; nodeArgs?: string[] } = {},
): Promise<RunningApp> {
  const db = opts.db ?? (await createTestDatabase());
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "gw-data-"));
  const adminApiKey = opts.env?.ADMIN_API_KEY ?? `admin-${randomBytes(24).toString("hex")}`;
  // One per database, so that an app restarted on it (or a second instance) opens the channel keys.
  const encryptionKey = opts.env?.ENCRYPTION_KEY ?? createHash("sha256").update(`test-encryption:${db.url}`).digest("hex");
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(opts.nodeArgs ?? []), SERVER_ENTRY], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      ADMIN_API_KEY: adminApiKey,
      // The logs are read by the tests (and searched for secrets); vitest's own default would silence them.
      LOG_LEVEL: "info",
      ENCRYPTION_KEY: encryptionKey,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited during start (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`app did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    adminApiKey,
    encryptionKey,
    db,
    dataDir,
    process: child,
    logs: () => output,
    async stop({ keepDatabase = false } = {}) {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise<null>((r) => setTimeout(() => r(null), 20_000).unref()),
      ]);
      if (child.exitCode === null) child.kill("SIGKILL");
      const generated = ["auth-secret", "encryption-key"]
        .map((f) => path.join(dataDir, f))
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f, "utf8").trim());
      rmSync(dataDir, { recursive: true, force: true });
      if (!keepDatabase) await db.drop();
      // No key of any kind in the logs: gateway tokens, upstream keys, the admin and metrics tokens, generated secrets.
      const configured = Object.entries({ ...opts.env, ADMIN_API_KEY: adminApiKey, ENCRYPTION_KEY: encryptionKey })
        .filter(([k]) => /KEY|SECRET|TOKEN|PASSWORD/.test(k))
        .map(([, v]) => v);
      const leaks = leakedSecrets(output, [...configured, ...generated]);
      if (leaks.length) throw new Error(`the app's output contains secrets: ${leaks.join(", ")}`);
      return code;
    },
  };
}
