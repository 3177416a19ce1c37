// Summarises a V8 CPU profile (.cpuprofile, as written by `BENCH_PROF=dir npm run bench`): the
// functions and modules with the most self time and the most inclusive time.
//   node --import tsx e2e/bench/profile-summary.ts <file.cpuprofile> [--last=SECONDS] [--top=N]
// --last keeps only the final SECONDS of the profile (the load, without the server's start-up).
// Frames in Next's minified build output are mapped back to their sources through the build's .map files.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const NON_JS = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

/** Where a function lives: an npm package, a Next build chunk, a project file or a part of Node. */
export function moduleOf(url: string, name: string): string {
  if (!url) return NON_JS.has(name) ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  if (!url.includes("/")) return url;
  const next = /\/\.next[^/]*\/(.*)$/.exec(url);
  if (next) return `.next/${next[1]}`;
  return url.replace(/^file:\/\/\/?.*?\/(lib|app|e2e|prisma)\//, "$1/");
}

const maps = new Map<string, SourceMap | null>();

/** The source map of a build file, if it has one. */
function mapOf(url: string): SourceMap | null {
  if (!maps.has(url)) {
    const file = url.startsWith("file:") ? fileURLToPath(url) : url;
    maps.set(url, existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))) : null);
  }
  return maps.get(url)!;
}

/** A frame of the build output as the source it came from (file relative to the project, 0-based line). */
function original(f: CallFrame): CallFrame {
  if (!f.url.includes("/.next")) return f;
  const entry = mapOf(f.url)?.findEntry(f.lineNumber, f.columnNumber) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
  if (!entry?.originalSource) return f;
  const source = entry.originalSource.replace(/^(\.\.\/)+/, "").replace(/^turbopack:\/\/\/\[project\]\//, "");
  const minified = f.functionName.length <= 2;
  return { functionName: entry.name ?? (minified ? `${f.functionName || "(anonymous)"}~` : f.functionName), url: source, lineNumber: entry.originalLine ?? 0, columnNumber: 0 };
}

function label(f: CallFrame): string {
  return `${f.functionName || "(anonymous)"} ${moduleOf(f.url, f.functionName)}:${f.lineNumber + 1}`;
}

function top(map: Map<string, number>, total: number, n: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

/** Self and inclusive time per function and per module over the samples in the window. */
export function summarizeProfile(p: CpuProfile, lastSeconds: number | undefined, n: number): string {
  const byId = new Map(p.nodes.map((node) => [node.id, { ...node, callFrame: original(node.callFrame) }]));
  const parent = new Map<number, number>();
  for (const node of p.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const from = lastSeconds === undefined ? -Infinity : p.endTime - lastSeconds * 1e6;
  const selfFn = new Map<string, number>();
  const selfModule = new Map<string, number>();
  const inclFn = new Map<string, number>();
  const inclModule = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let t = p.startTime;
  let total = 0;
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (t < from) continue;
    const leaf = byId.get(p.samples[i])!;
    total += dt;
    if (leaf.callFrame.functionName !== "(idle)") busy += dt;
    add(selfFn, label(leaf.callFrame), dt);
    add(selfModule, moduleOf(leaf.callFrame.url, leaf.callFrame.functionName), dt);
    const fns = new Set<string>();
    const mods = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (f.functionName === "(root)") continue;
      fns.add(label(f));
      mods.add(moduleOf(f.url, f.functionName));
    }
    for (const k of fns) add(inclFn, k, dt);
    for (const k of mods) add(inclModule, k, dt);
  }
  const sections: [string, Map<string, number>][] = [
    ["self time by module", selfModule],
    ["self time by function", selfFn],
    ["inclusive time by module", inclModule],
    ["inclusive time by function", inclFn],
  ];
  const head = `window ${(total / 1e6).toFixed(1)} s, busy (not idle) ${(busy / 1e6).toFixed(1)} s = ${((100 * busy) / total).toFixed(0)}% of one core`;
  return [head, ...sections.flatMap(([title, map]) => ["", title, ...top(map, total, n)])].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { last: { type: "string" }, top: { type: "string" } } });
  if (positionals.length !== 1) {
    console.error("usage: node --import tsx e2e/bench/profile-summary.ts <file.cpuprofile> [--last=SECONDS] [--top=N]");
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as CpuProfile;
  console.log(summarizeProfile(profile, values.last ? Number(values.last) : undefined, values.top ? Number(values.top) : 25));
}
