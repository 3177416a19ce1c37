/** Latency summary in milliseconds (nearest-rank quantiles over every sample). */
export type Summary = { n: number; p50: number; p90: number; p99: number; max: number; mean: number };

/** Summarises samples given in nanoseconds (from `process.hrtime.bigint()` differences) as milliseconds. */
export function summarize(nanos: number[]): Summary | null {
  if (nanos.length === 0) return null;
  const ms = nanos.map((n) => n / 1e6).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(q * ms.length) - 1))];
  const mean = ms.reduce((s, v) => s + v, 0) / ms.length;
  return { n: ms.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: ms[ms.length - 1], mean };
}

/** Answers that did not count: non-2xx statuses by code, transport errors by code, and one example. */
export type Failures = { statuses: Record<string, number>; errors: Record<string, number>; example?: string };

/** An empty failure tally. */
export function noFailures(): Failures {
  return { statuses: {}, errors: {} };
}

/** Counts a non-2xx status (with the start of its body as the example if none yet). */
export function countStatus(f: Failures, status: number, body: string): void {
  f.statuses[status] = (f.statuses[status] ?? 0) + 1;
  f.example ??= `HTTP ${status}: ${body.slice(0, 300)}`;
}

/** Counts a transport error (connection refused, reset, timeout, an incomplete stream). */
export function countError(f: Failures, err: unknown): void {
  const code = (err as { code?: string })?.code ?? (err as Error)?.name ?? "Error";
  f.errors[code] = (f.errors[code] ?? 0) + 1;
  f.example ??= `${code}: ${(err as Error)?.message ?? String(err)}`.slice(0, 300);
}

/** How many answers failed in total. */
export function failureCount(f: Failures): number {
  const sum = (o: Record<string, number>) => Object.values(o).reduce((s, v) => s + v, 0);
  return sum(f.statuses) + sum(f.errors);
}
