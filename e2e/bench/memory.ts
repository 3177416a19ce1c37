import { statusMb, treeSum } from "./proc";

/** Memory of one process (with its children) over the run, in MB. */
export type MemoryFigures = {
  /** VmRSS as soon as the server answered, before any setup call or request. */
  startMb: number | null;
  /** VmRSS once set up and checked (the dashboard API and each endpoint used once), before the load. */
  idleMb: number | null;
  /** Highest VmRSS seen by sampling every SAMPLE_MS. */
  peakMb: number;
  /** Highest sampled VmRSS during each phase. */
  peakByPhaseMb: Record<string, number>;
  /** The kernel's own high-water mark (VmHWM), read at the end. */
  hwmMb: number | null;
  samples: number;
};

const SAMPLE_MS = 100;

const treeMb = (pid: number, field: "VmRSS" | "VmHWM") => treeSum(pid, (p) => statusMb(p, field));

/** The resident memory of a process and its children now, in MB (null when it is gone). */
export const rssMb = (pid: number) => treeMb(pid, "VmRSS");

/**
 * Samples the resident memory of named processes until stopped; phase() labels what follows.
 * `startMb` holds what each measured as soon as it answered (see rssMb).
 */
export function sampleMemory(pids: Record<string, number>, startMb: Record<string, number | null>) {
  const figures: Record<string, MemoryFigures> = {};
  for (const name of Object.keys(pids)) {
    figures[name] = { startMb: startMb[name] ?? null, idleMb: null, peakMb: 0, peakByPhaseMb: {}, hwmMb: null, samples: 0 };
  }
  let phase = "start";
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const mb = rssMb(pid);
      if (mb === null) continue;
      const f = figures[name];
      f.samples++;
      f.peakMb = Math.max(f.peakMb, mb);
      f.peakByPhaseMb[phase] = Math.max(f.peakByPhaseMb[phase] ?? 0, mb);
    }
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    /** Labels the samples that follow (e.g. "throughput/gateway"). */
    phase(name: string) {
      sample();
      phase = name;
    },
    /** Records the current VmRSS of each process as its idle figure. */
    idle() {
      for (const [name, pid] of Object.entries(pids)) figures[name].idleMb = rssMb(pid);
    },
    /** Stops sampling and reads the high-water marks; call before the processes exit. */
    stop(): Record<string, MemoryFigures> {
      sample();
      clearInterval(timer);
      for (const [name, pid] of Object.entries(pids)) figures[name].hwmMb = treeMb(pid, "VmHWM");
      return figures;
    },
  };
}
