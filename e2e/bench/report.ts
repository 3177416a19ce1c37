import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchResults } from "./run";
import { failureCount } from "./stats";
import { TARGET_NAMES, type TargetName } from "./targets";

/** One of issue #8's targets, as measured in this run (null when a figure it needs was not taken). */
export type TargetCheck = { name: string; value: number | null; unit: string; goal: string; met: boolean | null };

const sub = (a?: number, b?: number) => (a === undefined || b === undefined ? null : a - b);
const div = (a?: number, b?: number) => (a === undefined || b === undefined || b === 0 ? null : a / b);

/** The ratios the issue's targets are stated in: gateway vs peer and vs direct, in this run. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const { throughput: t, latency: l, streams: s } = r;
  const gw = s.gateway;
  const mem = r.memory.gateway;
  const peak = mem ? Math.max(mem.peakMb, mem.hwmMb ?? 0) : null;
  const check = (name: string, value: number | null, unit: string, goal: string, ok: (v: number) => boolean): TargetCheck => ({
    name,
    value,
    unit,
    goal,
    met: value === null ? null : ok(value),
  });
  const streamsAll = gw ? gw.completed === gw.started : null;
  return [
    check("throughput gateway / peer", div(t.gateway?.rps, t.peer?.rps), "×", "≥ 3×", (v) => v >= 3),
    check("added latency p50", sub(l.gateway?.latency?.p50, l.direct?.latency?.p50), "ms", "≤ 1 ms", (v) => v <= 1),
    check("added latency p99", sub(l.gateway?.latency?.p99, l.direct?.latency?.p99), "ms", "≤ 3 ms", (v) => v <= 3),
    check("streams completed", gw ? gw.completed : null, `of ${gw?.started ?? "?"}`, "all", () => streamsAll === true),
    check("TTFB p99 gateway / direct", div(gw?.ttfb?.p99, s.direct?.ttfb?.p99), "×", "≤ 2×", (v) => v <= 2),
    check("peak RSS of the gateway", peak, "MB", "≤ 250 MB", (v) => v <= 250),
  ];
}

function fmt(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The side-by-side table (one column per target) and the targets, as printed at the end of a run. */
export function formatReport(r: BenchResults): string {
  const names = TARGET_NAMES.filter((n) => r.options.targets.includes(n));
  const o = r.options;
  const row = (label: string, cell: (n: TargetName) => string) => `${label.padEnd(34)}${names.map((n) => cell(n).padStart(12)).join("")}`;
  const failed = (f?: { failures: Parameters<typeof failureCount>[0] }) => (f ? String(failureCount(f.failures)) : "–");
  const lines = [
    `gateway ${r.gateway?.commit ?? "–"} on ${r.gateway?.database ?? "–"}${r.gateway?.redis ? " + Redis" : ""}, peer ${r.peer ? `${r.peer.package}@${r.peer.version}` : "–"}, ` +
      `${r.machine.cpus} CPUs, load average ${r.machine.loadAverage[0].toFixed(1)} → ${r.machine.loadAverageEnd[0]?.toFixed(1)}, ${r.seconds.toFixed(0)} s`,
    "",
    row("", (n) => n),
    row(`req/s, ${o.connections} connections, ${o.durationMs / 1000} s`, (n) => fmt(r.throughput[n]?.rps, 0)),
    row("  non-2xx + errors", (n) => failed(r.throughput[n])),
    row("  server CPU ms per request", (n) => fmt(r.throughput[n]?.serverCpuMsPerRequest, 2)),
    row(`latency p50 ms (1 at a time, ${o.latencyRequests})`, (n) => fmt(r.latency[n]?.latency?.p50, 3)),
    row("latency p99 ms", (n) => fmt(r.latency[n]?.latency?.p99, 3)),
    row("  added p50 ms over direct", (n) => (n === "direct" ? "" : fmt(sub(r.latency[n]?.latency?.p50, r.latency.direct?.latency?.p50), 3))),
    row("  added p99 ms over direct", (n) => (n === "direct" ? "" : fmt(sub(r.latency[n]?.latency?.p99, r.latency.direct?.latency?.p99), 3))),
    row("  non-2xx + errors", (n) => failed(r.latency[n])),
    row(`streams complete (of ${o.streams} at once)`, (n) => (r.streams[n] ? String(r.streams[n]!.completed) : "–")),
    row("  time to first byte p50 ms", (n) => fmt(r.streams[n]?.ttfb?.p50, 1)),
    row("  time to first byte p99 ms", (n) => fmt(r.streams[n]?.ttfb?.p99, 1)),
    row("  all streams done in s", (n) => fmt(r.streams[n]?.wallSeconds, 2)),
    row("  non-2xx + errors", (n) => failed(r.streams[n])),
    row("RSS MB just started", (n) => fmt(r.memory[n]?.startMb, 0)),
    row("RSS MB idle, set up, before load", (n) => fmt(r.memory[n]?.idleMb, 0)),
    row("RSS peak MB (sampled every 100 ms)", (n) => fmt(r.memory[n]?.peakMb, 0)),
    row("RSS peak MB (VmHWM at the end)", (n) => fmt(r.memory[n]?.hwmMb, 0)),
    "",
    "targets (issue #8)",
    ...checkTargets(r).map(
      (c) => `  ${c.name.padEnd(28)}${`${fmt(c.value, c.unit === "×" ? 2 : c.unit === "ms" ? 2 : 0)} ${c.unit}`.padStart(14)}   ${c.goal.padEnd(10)}${c.met === null ? "not measured" : c.met ? "met" : "MISSED"}`,
    ),
  ];
  if (r.channel) {
    const c = r.channel;
    lines.push("", `gateway channel after the run: ${c.status}, ${c.totalFailures} failure(s) counted${c.lastError ? ` (last: ${c.lastError})` : ""}`);
  }
  const examples = (["throughput", "latency", "streams"] as const).flatMap((p) =>
    names.flatMap((n) => (r[p][n]?.failures.example ? [`  ${p}/${n}: ${r[p][n]!.failures.example}`] : [])),
  );
  if (examples.length) lines.push("", "first failure of each phase that had one:", ...examples);
  return lines.join("\n");
}

/** Writes the results and the target checks as JSON (creating the folder). */
export function writeResults(file: string, r: BenchResults): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...r, targets: checkTargets(r) }, null, 2));
}
