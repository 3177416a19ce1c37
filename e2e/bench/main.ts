// `npm run bench`: the relay's overhead, measured as ratios against calling the mock upstream
// directly in the same run (the machine is noisy; absolute numbers mean little). Loopback only,
// bounded in requests and time. Needs a build (`npm run build`) first.
import { existsSync } from "node:fs";
import path from "node:path";
import { Agent, request } from "undici";
import { startMockUpstream } from "../mock-upstream/server";
import { startApp } from "../support/app";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner } from "../support/relay-fixture";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const agent = new Agent({ connections: CONCURRENCY * 2 });

type Stats = { rps: number; p50: number; p95: number; p99: number };

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Sends `REQUESTS` requests with `CONCURRENCY` in flight; returns latency to the first body byte (stream) or the whole body. */
async function run(url: string, key: string, stream: boolean): Promise<Stats> {
  const body = JSON.stringify({ model: CHAT_MODEL, stream, messages: [{ role: "user", content: "benchmark me, please" }] });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < REQUESTS) {
      next++;
      const t = performance.now();
      const res = await request(`${url}/chat/completions`, {
        method: "POST",
        dispatcher: agent,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
      });
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${await res.body.text()}`);
      if (stream) {
        for await (const _ of res.body) {
          latencies.push(performance.now() - t);
          break;
        }
        await res.body.dump();
      } else {
        await res.body.text();
        latencies.push(performance.now() - t);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99) };
}

const fmt = (n: number) => n.toFixed(2).padStart(9);

async function main() {
  if (!existsSync(path.resolve(import.meta.dirname, "../..", process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("no build found: run `npm run build` first");
  }
  const mock = await startMockUpstream();
  // BENCH_PROF=dir writes a CPU profile of the gateway process there.
  const app = await startApp({ nodeArgs: process.env.BENCH_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [] });
  try {
    const admin = adminOf(app);
    await ensureModels(admin);
    await addChannel(admin, mock.url);
    const { key } = await newTokenOwner(app, admin, { balance: 10_000_000_000 });
    const gateway = `${app.url}/v1`;
    await run(gateway, key, false); // warm-up: JIT, caches, connection pools
    await run(mock.url, "mock-key", false);

    console.log(`${REQUESTS} requests, ${CONCURRENCY} in flight, ${app.db.provider}\n`);
    console.log("case                         req/s      p50 ms    p95 ms    p99 ms");
    for (const stream of [false, true]) {
      const direct = await run(mock.url, "mock-key", stream);
      const via = await run(gateway, key, stream);
      const label = stream ? "stream (time to first byte)" : "non-stream (whole answer)";
      console.log(`${label}\n  direct to upstream     ${fmt(direct.rps)} ${fmt(direct.p50)} ${fmt(direct.p95)} ${fmt(direct.p99)}`);
      console.log(`  through the gateway    ${fmt(via.rps)} ${fmt(via.p50)} ${fmt(via.p95)} ${fmt(via.p99)}`);
      console.log(
        `  ratio gateway/direct   ${fmt(via.rps / direct.rps)} ${fmt(via.p50 / direct.p50)} ${fmt(via.p95 / direct.p95)} ${fmt(via.p99 / direct.p99)}\n`,
      );
    }
  } finally {
    await app.stop();
    await mock.close();
    await agent.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
