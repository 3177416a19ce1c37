import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

// Linux reports CPU times in USER_HZ ticks, 100 per second on every mainstream build.
const TICKS_PER_SECOND = 100;

/** A field of /proc/<pid>/status in MB, or null when the process is gone. */
export function statusMb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, or null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The process and its descendants (a launcher may sit in front of the real server). */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone, or the kernel does not expose children: the process alone
  }
  return [pid, ...children.flatMap(processTree)];
}

/** Sums a per-process figure over a process tree; null when the root process is gone. */
export function treeSum(pid: number, read: (pid: number) => number | null): number | null {
  const values = processTree(pid).map(read);
  return values[0] === null ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0);
}

/** Asks a child to stop (SIGTERM), waits up to `graceMs` for it to exit, then kills it. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs).unref())]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
