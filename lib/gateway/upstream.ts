// The relay core's upstream HTTP client is a function (request in, response out), injected
// through GatewayDeps: lib/server/upstream-client.ts is the real one, tests pass their own.
import { errors } from "undici";

export type UpstreamRequest = {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: Uint8Array | string;
  /** Aborted when the client went away; the call must stop at once. */
  signal: AbortSignal;
  /** Longest wait for the response headers, and the longest silence between two body chunks. */
  timeoutMs: number;
};

export type UpstreamResponse = {
  status: number;
  headers: Record<string, string>;
  /**
   * The body as it arrives. Its iterator throws an UpstreamFailure when the upstream breaks off,
   * and stops when the request is aborted. Reading it is optional: `discard()` releases it.
   */
  body: AsyncIterable<Uint8Array>;
  discard(): void;
};

/** Sends one request. Throws UpstreamFailure on a transport failure, never answers a partial response. */
export type UpstreamFetch = (req: UpstreamRequest) => Promise<UpstreamResponse>;

/** A transport failure: connection refused or reset, DNS, TLS, or one of the timeouts. */
export class UpstreamFailure extends Error {
  constructor(
    message: string,
    readonly timeout: boolean,
  ) {
    super(message);
  }
}

/** Whether an error is one of undici's timeouts. */
export function isTimeout(err: unknown): boolean {
  return (
    (err instanceof UpstreamFailure && err.timeout) ||
    err instanceof errors.HeadersTimeoutError ||
    err instanceof errors.BodyTimeoutError ||
    err instanceof errors.ConnectTimeoutError
  );
}

/** A short, key-free description of a transport error for logs and channel state. */
export function describe(err: unknown): string {
  if (err instanceof UpstreamFailure) return err.message;
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

/** Whether an upstream status means "try another channel" (the channel, not the request, is at fault). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500 || status === 401 || status === 403 || status === 408 || (status >= 300 && status < 400);
}

/** Reads a body whole, up to `max` bytes (an upstream answering more is treated as broken). */
export async function readAll(body: AsyncIterable<Uint8Array>, max: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) throw new UpstreamFailure(`answer larger than ${max} bytes`, false);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Removes anything key-like from upstream text before it reaches a client or a log. */
export function sanitize(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("***");
  return out
    .replace(/\b(sk|rk|pk|key)-[A-Za-z0-9_-]{6,}/g, "$1-***")
    .replace(/\bAIza[0-9A-Za-z_-]{20,}/g, "AIza***")
    .replace(/Bearer\s+[^\s"']+/gi, "Bearer ***")
    .slice(0, 2000);
}
