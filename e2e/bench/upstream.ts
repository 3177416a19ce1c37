import { fork } from "node:child_process";
import path from "node:path";
import type { MockFault, RecordedRequest } from "../mock-upstream/server";
import { stopChild } from "./proc";

export type UpstreamProcess = {
  /** Base URL ending in /v1. */
  url: string;
  pid: number;
  setFault(fault: MockFault | null): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  stop(): Promise<void>;
};

/** Starts the mock upstream (e2e/mock-upstream) in a process of its own and answers how to drive it. */
export async function startUpstream(): Promise<UpstreamProcess> {
  const child = fork(path.join(import.meta.dirname, "mock-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { url } = await new Promise<{ url: string }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { url: string }));
    child.once("exit", (code) => reject(new Error(`mock upstream exited during start (${code})`)));
  });
  const control = new URL("/__mock/", url);
  async function send(method: string, name: string, body?: unknown) {
    const res = await fetch(new URL(name, control), { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`mock ${method} ${name}: ${res.status} ${await res.text()}`);
    return res.json();
  }
  return {
    url,
    pid: child.pid!,
    setFault: async (fault) => void (fault ? await send("POST", "fault", fault) : await send("DELETE", "fault")),
    requests: async () => ((await send("GET", "requests")) as { data: RecordedRequest[] }).data,
    stop: () => stopChild(child),
  };
}
