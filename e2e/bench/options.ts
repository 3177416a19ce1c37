import path from "node:path";
import { parseArgs } from "node:util";
import { TARGET_NAMES, type TargetName } from "./targets";

export const PHASES = ["throughput", "latency", "streams"] as const;
export type Phase = (typeof PHASES)[number];

export type BenchOptions = {
  postgres: boolean;
  phases: Phase[];
  targets: TargetName[];
  connections: number;
  durationMs: number;
  warmupMs: number;
  latencyRequests: number;
  latencyWarmup: number;
  streams: number;
  streamWarmup: number;
  chunkDelayMs: number;
  profileDir?: string;
  outFile: string;
  timeoutMs: number;
};

export const USAGE = `npm run bench -- [--pg] [--only=throughput,latency,streams] [--targets=direct,peer,gateway]

  --pg        the gateway on PostgreSQL + Redis (a database of its own, dropped at the end); default SQLite
  --only      run only these phases            --targets  measure only these targets
Environment: BENCH_DURATION_S (10), BENCH_WARMUP_S (3), BENCH_CONNECTIONS (50), BENCH_LATENCY_REQUESTS (2000),
  BENCH_STREAMS (1000), BENCH_CHUNK_DELAY_MS (20), BENCH_OUT (test-results/bench.json),
  BENCH_TIMEOUT_S (420: the whole run is stopped and cleaned up after this), BENCH_PROF=dir (CPU profile of the gateway).`;

function num(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}")`);
  return v;
}

function list<T extends string>(raw: string | undefined, all: readonly T[], flag: string): T[] {
  if (raw === undefined) return [...all];
  const picked = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = picked.filter((p) => !all.includes(p as T));
  if (unknown.length || picked.length === 0) throw new Error(`${flag}: pick from ${all.join(", ")} (got "${raw}")`);
  return all.filter((a) => picked.includes(a));
}

/** Reads the command line and BENCH_* variables; throws with the usage on anything it does not know. */
export function parseOptions(argv: string[], root: string): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: { pg: { type: "boolean" }, only: { type: "string" }, targets: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) return "help";
  return {
    postgres: values.pg ?? false,
    phases: list(values.only, PHASES, "--only"),
    targets: list(values.targets, TARGET_NAMES, "--targets"),
    connections: num("BENCH_CONNECTIONS", 50, 1),
    durationMs: num("BENCH_DURATION_S", 10, 1) * 1000,
    warmupMs: num("BENCH_WARMUP_S", 3, 0) * 1000,
    latencyRequests: num("BENCH_LATENCY_REQUESTS", 2000, 10),
    latencyWarmup: 200,
    streams: num("BENCH_STREAMS", 1000, 1),
    streamWarmup: 50,
    chunkDelayMs: num("BENCH_CHUNK_DELAY_MS", 20, 0),
    profileDir: process.env.BENCH_PROF ? path.resolve(process.env.BENCH_PROF) : undefined,
    outFile: path.resolve(root, process.env.BENCH_OUT ?? "test-results/bench.json"),
    timeoutMs: num("BENCH_TIMEOUT_S", 420, 30) * 1000,
  };
}
