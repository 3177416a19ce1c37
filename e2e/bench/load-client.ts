import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { LatencyResult, StreamsResult, ThroughputResult } from "./load";
import type { Target } from "./targets";

export type LoadTask =
  | { kind: "throughput"; target: Target; connections: number; durationMs: number }
  | { kind: "latency"; target: Target; count: number }
  | { kind: "streams"; target: Target; count: number };

type ResultOf<T extends LoadTask["kind"]> = T extends "throughput" ? ThroughputResult : T extends "latency" ? LatencyResult : StreamsResult;

export type LoadGenerator = {
  run<T extends LoadTask>(task: T): Promise<ResultOf<T["kind"]>>;
  process: ChildProcess;
  close(): void;
};

/** Forks the load generator process (e2e/bench/load-worker.ts); tasks run one after another. */
export function startLoadGenerator(): LoadGenerator {
  const child = fork(path.join(import.meta.dirname, "load-worker.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let seq = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on("message", (msg: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error !== undefined) p?.reject(new Error(`load generator: ${msg.error}`));
    else p?.resolve(msg.result);
  });
  child.on("exit", (code) => {
    for (const p of pending.values()) p.reject(new Error(`load generator exited (${code})`));
    pending.clear();
  });
  return {
    process: child,
    run: (task) =>
      new Promise((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, task });
      }),
    close: () => {
      if (child.connected) child.disconnect();
      if (child.exitCode === null) child.kill("SIGTERM");
    },
  };
}
