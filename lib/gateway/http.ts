// The relay core's view of HTTP: a request it reads and an answer it returns, independent of
// whether Node's http server (lib/server) or a Web Request/Response (app/v1 routes) carries them.
import type { HeaderSource } from "@/lib/auth/api-key";
import type { Outcome } from "@/lib/gateway/types";

export type RelayInput = {
  requestId: string;
  method: string;
  headers: HeaderSource;
  /** The client address lib/server resolved (null when unknown). */
  clientIp: string | null;
  /** Reads the whole body, refusing it (without reading on) once it exceeds `max` bytes. */
  readBody(max: number): Promise<Outcome<Uint8Array>>;
  /** Aborted when the client goes away before the answer is complete. */
  signal: AbortSignal;
};

/** A streamed answer body, pulled by the transport as fast as the client reads. */
export interface BodyStream {
  /** The next bytes to send, or null at the end. Never throws. */
  next(): Promise<Uint8Array | null>;
  /** The client went away: stop the upstream and finish the call. Never throws. */
  cancel(): Promise<void>;
}

export type RelayResult = {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string | BodyStream | null;
  /**
   * Settles once the call is finished (charged and recorded). A non-streamed answer is sent
   * before that work: the reservation already guarantees the funds.
   */
  finished?: Promise<void>;
};

export const isBodyStream = (b: RelayResult["body"]): b is BodyStream =>
  typeof b === "object" && b !== null && !(b instanceof Uint8Array);

const JSON_TYPE = "application/json";

/** A JSON answer. */
export function jsonResult(status: number, value: unknown, headers: Record<string, string> = {}): RelayResult {
  return { status, headers: { "content-type": JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** Bytes already in their final form (an upstream's answer passed through). */
export function bytesResult(status: number, body: Uint8Array | string, contentType: string): RelayResult {
  return { status, headers: { "content-type": contentType }, body };
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

export const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  // Browser clients back off by the limit headers too.
  "access-control-expose-headers": [
    "x-request-id",
    "retry-after",
    ...["requests", "tokens"].flatMap((k) => [`x-ratelimit-limit-${k}`, `x-ratelimit-remaining-${k}`, `x-ratelimit-reset-${k}`]),
  ].join(", "),
};

/** Reads a Web stream whole, refusing it once it exceeds `max` bytes. */
export async function readLimited(
  body: AsyncIterable<Uint8Array> | null,
  declaredLength: string | null,
  max: number,
): Promise<Outcome<Uint8Array>> {
  const declared = Number(declaredLength);
  if (declaredLength !== null && Number.isFinite(declared) && declared > max) return tooLarge(max);
  if (!body) return { ok: true, value: new Uint8Array() };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) return tooLarge(max);
    chunks.push(chunk);
  }
  return { ok: true, value: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) };
}

export function tooLarge(max: number): Outcome<never> {
  return { ok: false, code: "request_too_large", message: `The request body exceeds the limit of ${max} bytes.` };
}
