// Token counts for estimates, off the event loop: a worker thread holds the tokenizer (about
// 100 MB) while there is counting to do and exits after a minute without any, giving it back.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { splitForCounting } from "@/lib/billing/estimate";

const IDLE_MS = 60_000;

// The worker's whole program. It receives texts and answers their o200k_base counts, cutting long
// runs without whitespace first (splitForCounting's own source) so every count is linear.
const PROGRAM = `
const { parentPort, workerData } = require("node:worker_threads");
const tk = require(workerData.tokenizer);
const split = ${splitForCounting.toString()};
const plain = { disallowedSpecial: new Set() };
parentPort.on("message", ({ id, texts }) => {
  const counts = texts.map((t) => split(t).reduce((n, p) => n + tk.countTokens(p, plain), 0));
  parentPort.postMessage({ id, counts });
});`;

type Pending = { resolve(counts: number[]): void; reject(err: unknown): void };

let worker: Worker | null = null;
let idle: NodeJS.Timeout | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(err: unknown) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = null;
}

function start(): Worker {
  const tokenizer = createRequire(path.join(process.cwd(), "package.json")).resolve("gpt-tokenizer/encoding/o200k_base");
  const w = new Worker(PROGRAM, { eval: true, workerData: { tokenizer } });
  w.on("message", ({ id, counts }: { id: number; counts: number[] }) => {
    pending.get(id)?.resolve(counts);
    pending.delete(id);
  });
  w.on("error", failAll);
  w.on("exit", () => {
    if (worker === w) failAll(new Error("the token counter stopped"));
  });
  w.unref();
  return w;
}

/** o200k_base counts of `texts`, computed in the worker thread. */
export function countInWorker(texts: string[]): Promise<number[]> {
  if (texts.length === 0) return Promise.resolve([]);
  worker ??= start();
  if (idle) clearTimeout(idle);
  idle = setTimeout(() => {
    if (pending.size) return;
    const w = worker;
    worker = null;
    void w?.terminate();
  }, IDLE_MS);
  idle.unref();
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, texts });
  });
}
