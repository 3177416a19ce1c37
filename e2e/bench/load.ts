import { Pool, type Dispatcher } from "undici";
import { countError, countStatus, noFailures, summarize, type Failures, type Summary } from "./stats";
import { CHAT_MODEL, type Target } from "./targets";

const PROMPT = [{ role: "user", content: "benchmark me, please" }];
const JSON_BODY = JSON.stringify({ model: CHAT_MODEL, messages: PROMPT });
// include_usage for every target, so the upstream does the same work whether or not the gateway injects it.
const STREAM_BODY = JSON.stringify({ model: CHAT_MODEL, messages: PROMPT, stream: true, stream_options: { include_usage: true } });
// Nothing in a bounded benchmark should wait longer than this for a header or a body chunk.
const TIMEOUTS = { headersTimeout: 30_000, bodyTimeout: 30_000 };

export type ThroughputResult = { ok: number; failures: Failures; seconds: number; rps: number };
export type LatencyResult = { ok: number; failures: Failures; latency: Summary | null };
export type StreamsResult = {
  started: number;
  completed: number;
  failures: Failures;
  ttfb: Summary | null;
  /** Whole stream, request to last byte. */
  duration: Summary | null;
  /** From the first request sent to the last stream ended. */
  wallSeconds: number;
};

function headersOf(target: Target): Record<string, string> {
  return { ...target.headers, "content-type": "application/json" };
}

/** One non-streaming call; answers true when it succeeded (2xx, body read), counting failures otherwise. */
async function call(pool: Dispatcher, target: Target, failures: Failures): Promise<boolean> {
  try {
    const res = await pool.request({ origin: target.origin, path: target.path, method: "POST", headers: headersOf(target), body: JSON_BODY });
    const text = await res.body.text();
    if (res.statusCode >= 200 && res.statusCode < 300) return true;
    countStatus(failures, res.statusCode, text);
  } catch (err) {
    countError(failures, err);
  }
  return false;
}

/**
 * Keeps `connections` calls in flight until `durationMs` has passed, then lets the calls in flight
 * finish (none is cut off, so the target never sees a client hang up) and answers successes per second.
 */
export async function throughput(target: Target, connections: number, durationMs: number): Promise<ThroughputResult> {
  const pool = new Pool(target.origin, { connections, ...TIMEOUTS });
  const failures = noFailures();
  let ok = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(durationMs) * 1_000_000n;
  const worker = async () => {
    while (process.hrtime.bigint() < deadline) if (await call(pool, target, failures)) ok++;
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.close();
  return { ok, failures, seconds, rps: ok / seconds };
}

/** `count` calls one at a time on one keep-alive connection, each timed from send to the last body byte. */
export async function latency(target: Target, count: number): Promise<LatencyResult> {
  const pool = new Pool(target.origin, { connections: 1, ...TIMEOUTS });
  const failures = noFailures();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    if (await call(pool, target, failures)) samples.push(Number(process.hrtime.bigint() - t));
  }
  await pool.close();
  return { ok: samples.length, failures, latency: summarize(samples) };
}

/** One stream: time to the first body byte and to the end; complete only with a 200 and the final `[DONE]`. */
async function stream(pool: Dispatcher, target: Target, failures: Failures): Promise<{ ttfb: number; total: number } | null> {
  const t = process.hrtime.bigint();
  try {
    const res = await pool.request({ origin: target.origin, path: target.path, method: "POST", headers: headersOf(target), body: STREAM_BODY });
    if (res.statusCode !== 200) {
      countStatus(failures, res.statusCode, await res.body.text());
      return null;
    }
    let ttfb = 0;
    let tail = "";
    for await (const chunk of res.body) {
      if (ttfb === 0) ttfb = Number(process.hrtime.bigint() - t);
      tail = (tail + chunk.toString("utf8")).slice(-64);
    }
    if (!tail.includes("data: [DONE]")) {
      countError(failures, Object.assign(new Error("stream ended without data: [DONE]"), { code: "INCOMPLETE_STREAM" }));
      return null;
    }
    return { ttfb, total: Number(process.hrtime.bigint() - t) };
  } catch (err) {
    countError(failures, err);
    return null;
  }
}

/** Opens `count` streams at once, each on its own connection, and waits for all of them to end. */
export async function streams(target: Target, count: number): Promise<StreamsResult> {
  const pool = new Pool(target.origin, { connections: count, ...TIMEOUTS });
  const failures = noFailures();
  const started = process.hrtime.bigint();
  const results = await Promise.all(Array.from({ length: count }, () => stream(pool, target, failures)));
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.close();
  const done = results.filter((r) => r !== null);
  return {
    started: count,
    completed: done.length,
    failures,
    ttfb: summarize(done.map((r) => r.ttfb)),
    duration: summarize(done.map((r) => r.total)),
    wallSeconds,
  };
}
