import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freePort } from "../support/app";
import { stopChild } from "./proc";
import { MOCK_KEY, targetAt, type Target } from "./targets";

/** The peer: Portkey's open-source gateway, a Node gateway of the same kind, pinned for comparable runs. */
export const PEER_PACKAGE = "@portkey-ai/gateway";
export const PEER_VERSION = "1.15.2";
// From 1.14.2 on, @hono/node-server hands Portkey the upstream's immutable headers on streamed answers
// and every stream fails with "TypeError: immutable" (Portkey-AI/gateway#1389): pin the last good one.
const PEER_MANIFEST = {
  private: true,
  dependencies: { [PEER_PACKAGE]: PEER_VERSION },
  overrides: { "@hono/node-server": "1.14.1" },
};

export type PeerProcess = { url: string; pid: number; version: string; target(upstreamUrl: string): Target; logs(): string; stop(): Promise<void> };

/**
 * Installs the peer with npm into a folder under the OS temp dir, once: later runs reuse it. The
 * install goes to a scratch folder first, so an interrupted install never looks like a cached one.
 */
export function installPeer(): string {
  const manifest = JSON.stringify(PEER_MANIFEST, null, 2);
  const hash = createHash("sha256").update(manifest).digest("hex").slice(0, 8);
  const dir = path.join(tmpdir(), `llm-gateway-bench-peer-${PEER_VERSION}-${hash}`);
  const entry = path.join(dir, "node_modules", PEER_PACKAGE, "build", "start-server.js");
  if (existsSync(entry)) return entry;
  const scratch = `${dir}.partial-${process.pid}`;
  mkdirSync(scratch, { recursive: true });
  writeFileSync(path.join(scratch, "package.json"), manifest);
  console.log(`installing ${PEER_PACKAGE}@${PEER_VERSION} into ${dir} (once) …`);
  const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
    cwd: scratch,
    stdio: "inherit",
    timeout: 180_000,
  });
  if (npm.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`npm install of ${PEER_PACKAGE}@${PEER_VERSION} failed (${npm.status ?? npm.signal})`);
  }
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another run installed it meanwhile
  }
  return entry;
}

/** Starts the installed peer on a loopback port, headless, and waits until it answers. */
export async function startPeer(entry: string): Promise<PeerProcess> {
  const port = await freePort();
  const preload = pathToFileURL(path.join(import.meta.dirname, "peer-preload.mjs")).href;
  const child = spawn(process.execPath, ["--import", preload, entry, `--port=${port}`, "--headless"], {
    cwd: path.dirname(entry),
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`peer exited during start (${child.exitCode}):\n${output}`);
    if (await fetch(url).then(() => true, () => false)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`peer did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    version: PEER_VERSION,
    logs: () => output,
    // Portkey's way to reach an OpenAI-compatible upstream at a custom address.
    target: (upstreamUrl) =>
      targetAt("peer", `${url}/v1`, {
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": upstreamUrl,
        authorization: `Bearer ${MOCK_KEY}`,
      }),
    stop: () => stopChild(child),
  };
}
