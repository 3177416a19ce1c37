import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "./test-db";

export type RunningApp = {
  url: string;
  adminApiKey: string;
  db: TestDatabase;
  process: ChildProcess;
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
    db,
    process: child,
    logs: () => output,
    async stop({ keepDatabase = false } = {}) {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise<null>((r) => setTimeout(() => r(null), 20_000).unref()),
      ]);
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
      if (!keepDatabase) await db.drop();
      return code;
    },
  };
}
