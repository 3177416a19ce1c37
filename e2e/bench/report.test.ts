import { describe, expect, it } from "vitest";
import { checkTargets, formatReport } from "./report";
import type { BenchResults } from "./run";
import { noFailures, summarize } from "./stats";
import type { BenchOptions } from "./options";

const ms = (...values: number[]) => summarize(values.map((v) => v * 1e6));

function results(over: Partial<BenchResults> = {}): BenchResults {
  const options = { targets: ["direct", "peer", "gateway"], connections: 50, durationMs: 10_000, latencyRequests: 2000, streams: 1000 } as BenchOptions;
  const memory = { startMb: 90, idleMb: 100, peakMb: 200, peakByPhaseMb: {}, hwmMb: 240, samples: 10 };
  const stream = (p99: number, completed = 1000) => ({ started: 1000, completed, failures: noFailures(), ttfb: ms(p99 / 2, p99), duration: ms(p99), wallSeconds: 1 });
  return {
    startedAt: "",
    seconds: 60,
    machine: { cpus: 2, loadAverage: [1, 1, 1], loadAverageEnd: [1, 1, 1], node: "v20" },
    gateway: { commit: "abc", database: "sqlite", redis: false },
    peer: { package: "@portkey-ai/gateway", version: "1" },
    options,
    throughput: {
      direct: { ok: 10_000, failures: noFailures(), seconds: 1, rps: 10_000, serverCpuMsPerRequest: 0.1 },
      peer: { ok: 500, failures: noFailures(), seconds: 1, rps: 500, serverCpuMsPerRequest: 2 },
      gateway: { ok: 1500, failures: noFailures(), seconds: 1, rps: 1500, serverCpuMsPerRequest: 0.6 },
    },
    latency: {
      direct: { ok: 2, failures: noFailures(), latency: ms(0.2, 0.5) },
      gateway: { ok: 2, failures: noFailures(), latency: ms(1.1, 3.4) },
    },
    streams: { direct: stream(400), gateway: stream(800) },
    memory: { gateway: memory },
    channel: null,
    ...over,
  };
}

describe("summarize", () => {
  it("answers nearest-rank quantiles in milliseconds from nanoseconds", () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => (100 - i) * 1e6))!;
    expect(s).toMatchObject({ n: 100, p50: 50, p90: 90, p99: 99, max: 100, mean: 50.5 });
    expect(summarize([])).toBeNull();
  });
});

describe("checkTargets", () => {
  it("states each target as the issue does: ratios to the peer and to direct in the same run", () => {
    const byName = Object.fromEntries(checkTargets(results()).map((c) => [c.name, c]));
    expect(byName["throughput gateway / peer"]).toMatchObject({ value: 3, met: true });
    expect(byName["added latency p50"].value).toBeCloseTo(0.9);
    expect(byName["added latency p50"].met).toBe(true);
    expect(byName["added latency p99"].value).toBeCloseTo(2.9);
    expect(byName["streams completed"]).toMatchObject({ value: 1000, met: true });
    expect(byName["TTFB p99 gateway / direct"]).toMatchObject({ value: 2, met: true });
    // The kernel's high-water mark counts when it is above every sample.
    expect(byName["peak RSS of the gateway"]).toMatchObject({ value: 240, met: true });
  });

  it("marks a missed target, an incomplete stream run, and figures that were not taken", () => {
    const r = results({
      streams: { direct: results().streams.direct, gateway: { ...results().streams.gateway!, completed: 999 } },
      throughput: { gateway: results().throughput.gateway },
      memory: { gateway: { startMb: 250, idleMb: 300, peakMb: 260, peakByPhaseMb: {}, hwmMb: 255, samples: 3 } },
    });
    const byName = Object.fromEntries(checkTargets(r).map((c) => [c.name, c]));
    expect(byName["streams completed"]).toMatchObject({ value: 999, met: false });
    expect(byName["throughput gateway / peer"]).toMatchObject({ value: null, met: null });
    expect(byName["peak RSS of the gateway"]).toMatchObject({ value: 260, met: false });
    expect(formatReport(r)).toMatch(/throughput gateway \/ peer\s+– ×\s+≥ 3×\s+not measured/);
    expect(formatReport(r)).toMatch(/peak RSS of the gateway\s+260 MB\s+≤ 250 MB\s+MISSED/);
  });
});
