import { execFileSync } from "node:child_process";
import os from "node:os";
import type { cleanupStack } from "./cleanup";
import { startGateway, type ChannelHealth, type GatewayUnderTest } from "./gateway";
import type { LatencyResult, StreamsResult, ThroughputResult } from "./load";
import { startLoadGenerator, type LoadGenerator } from "./load-client";
import { rssMb, sampleMemory, type MemoryFigures } from "./memory";
import { cpuSeconds, treeSum } from "./proc";
import type { BenchOptions } from "./options";
import { installPeer, PEER_PACKAGE, startPeer } from "./peer";
import { MOCK_KEY, targetAt, type Target, type TargetName } from "./targets";
import { startUpstream } from "./upstream";
import { verifyTarget } from "./verify";

export type BenchResults = {
  startedAt: string;
  seconds: number;
  /** Load averages (1, 5, 15 min) at the start and at the end: a busy machine makes slower figures. */
  machine: { cpus: number; loadAverage: number[]; loadAverageEnd: number[]; node: string };
  gateway: { commit: string; database: string; redis: boolean } | null;
  peer: { package: string; version: string } | null;
  options: BenchOptions;
  /** With the CPU time the server in front of the load (mock, peer or gateway) spent per successful request. */
  throughput: Partial<Record<TargetName, ThroughputResult & { serverCpuMsPerRequest: number | null }>>;
  latency: Partial<Record<TargetName, LatencyResult>>;
  streams: Partial<Record<TargetName, StreamsResult>>;
  memory: Record<string, MemoryFigures>;
  channel: ChannelHealth | null;
};

type Cleanup = ReturnType<typeof cleanupStack>;

function gitCommit(): string {
  try {
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() ? "+dirty" : "";
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim() + dirty;
  } catch {
    return "unknown";
  }
}

const log = (line: string) => console.log(`[bench] ${line}`);

/** Starts the upstream, the peer and the gateway as asked, each registered for cleanup, and checks each target. */
async function startTargets(opts: BenchOptions, cleanup: Cleanup) {
  const upstream = await startUpstream();
  cleanup.defer("mock upstream", upstream.stop);
  const targets: Target[] = [];
  const pids: Record<string, number> = {};
  const startMb: Record<string, number | null> = {};
  const servers: Partial<Record<TargetName, number>> = { direct: upstream.pid };
  let gateway: GatewayUnderTest | null = null;
  let peerVersion: string | null = null;
  for (const name of opts.targets) {
    if (name === "direct") targets.push(targetAt("direct", upstream.url, { authorization: `Bearer ${MOCK_KEY}` }));
    if (name === "peer") {
      const peer = await startPeer(installPeer());
      cleanup.defer("peer", peer.stop);
      targets.push(peer.target(upstream.url));
      pids.peer = servers.peer = peer.pid;
      startMb.peer = rssMb(peer.pid);
      peerVersion = peer.version;
    }
    if (name === "gateway") {
      log(`starting the gateway (${opts.postgres ? "PostgreSQL + Redis" : "SQLite"}) …`);
      const gw = await startGateway({ postgres: opts.postgres, upstreamUrl: upstream.url, profileDir: opts.profileDir });
      cleanup.defer("gateway", gw.stop);
      targets.push(gw.target);
      pids.gateway = servers.gateway = gw.app.process.pid!;
      startMb.gateway = gw.startMb;
      gateway = gw;
    }
  }
  for (const t of targets) await verifyTarget(t, upstream);
  log(`targets reach the mock upstream: ${targets.map((t) => t.name).join(", ")}`);
  return { upstream, targets, pids, startMb, servers, gateway, peerVersion };
}

type Started = Awaited<ReturnType<typeof startTargets>>;

async function measure(opts: BenchOptions, load: LoadGenerator, { upstream, targets, servers }: Started, memory: ReturnType<typeof sampleMemory>, results: BenchResults) {
  for (const phase of opts.phases) {
    if (phase === "streams") await upstream.setFault({ type: "slow_stream", chunkDelayMs: opts.chunkDelayMs });
    for (const target of targets) {
      memory.phase(`${phase}/${target.name}`);
      if (phase === "throughput") {
        if (opts.warmupMs > 0) await load.run({ kind: "throughput", target, connections: opts.connections, durationMs: opts.warmupMs });
        const cpu = () => treeSum(servers[target.name]!, cpuSeconds);
        const before = cpu();
        const r = await load.run({ kind: "throughput", target, connections: opts.connections, durationMs: opts.durationMs });
        const after = cpu();
        const serverCpuMsPerRequest = before === null || after === null || r.ok === 0 ? null : ((after - before) * 1000) / r.ok;
        results.throughput[target.name] = { ...r, serverCpuMsPerRequest };
        log(`throughput ${target.name}: ${r.rps.toFixed(0)} req/s (${r.ok} ok), ${serverCpuMsPerRequest?.toFixed(2)} ms CPU per request`);
      } else if (phase === "latency") {
        await load.run({ kind: "latency", target, count: opts.latencyWarmup });
        const r = await load.run({ kind: "latency", target, count: opts.latencyRequests });
        results.latency[target.name] = r;
        log(`latency ${target.name}: p50 ${r.latency?.p50.toFixed(3)} ms, p99 ${r.latency?.p99.toFixed(3)} ms`);
      } else {
        await load.run({ kind: "streams", target, count: opts.streamWarmup });
        const r = await load.run({ kind: "streams", target, count: opts.streams });
        results.streams[target.name] = r;
        log(`streams ${target.name}: ${r.completed}/${r.started} complete, TTFB p99 ${r.ttfb?.p99.toFixed(1)} ms`);
      }
    }
    if (phase === "streams") await upstream.setFault(null);
  }
  memory.phase("end");
}

/** One whole benchmark run; everything it starts is registered on `cleanup`, which the caller runs. */
export async function runBench(opts: BenchOptions, cleanup: Cleanup): Promise<BenchResults> {
  const startedAt = Date.now();
  const running = await startTargets(opts, cleanup);
  const { pids, startMb, gateway, peerVersion } = running;
  const load = startLoadGenerator();
  cleanup.defer("load generator", load.close);
  const memory = sampleMemory(pids, startMb);
  await new Promise((r) => setTimeout(r, 1_000));
  memory.idle();
  const results: BenchResults = {
    startedAt: new Date(startedAt).toISOString(),
    seconds: 0,
    machine: { cpus: os.availableParallelism(), loadAverage: os.loadavg(), loadAverageEnd: [], node: process.version },
    gateway: gateway && { commit: gitCommit(), database: gateway.provider, redis: gateway.redis },
    peer: peerVersion ? { package: PEER_PACKAGE, version: peerVersion } : null,
    options: opts,
    throughput: {},
    latency: {},
    streams: {},
    memory: {},
    channel: null,
  };
  try {
    await measure(opts, load, running, memory, results);
  } finally {
    results.memory = memory.stop();
  }
  results.channel = gateway && (await gateway.channelHealth());
  results.seconds = (Date.now() - startedAt) / 1000;
  results.machine.loadAverageEnd = os.loadavg();
  return results;
}
