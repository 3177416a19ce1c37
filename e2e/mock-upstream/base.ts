import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { FaultState, parseFault, type FaultParse, type MockFault } from "./faults";

/**
 * What the OpenAI, Anthropic and Gemini mocks share: request recording, the standing fault and its
 * control endpoints under `/__mock/`, streaming and JSON answers that honour faults, and the server.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, or null when empty. */
  body: unknown;
}

/** The wire error a mock sends for a status (each provider has its own shape). */
export type SendError = (res: ServerResponse, status: number, message: string) => void;

/** A JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** The request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

/** The body as JSON, the raw text when it is not JSON, or null when empty. */
export function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Recorded requests, the standing fault, and the control endpoints that change them. */
export class MockState {
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultState();

  constructor(private readonly onReset: () => void = () => {}) {}

  record(req: IncomingMessage, path: string, body: unknown): void {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    this.requests.push({ method: req.method ?? "GET", path, headers, body });
  }

  /** The fault for this request: the `x-mock-fault` header's when sent, else the standing one. */
  faultFor(req: IncomingMessage): FaultParse {
    const header = req.headers["x-mock-fault"];
    if (typeof header === "string") {
      const parsed = parseFault(parseBody(header));
      return parsed.ok ? parsed : { ok: false, message: `x-mock-fault: ${parsed.message}` };
    }
    return { ok: true, fault: this.faults.take() };
  }

  /**
   * Answers `/__mock/fault`, `/__mock/requests` and `/__mock/reset` (404 for other `/__mock/`
   * paths); false for paths outside `/__mock/`, which the mock answers itself.
   */
  control(req: IncomingMessage, res: ServerResponse, path: string, body: unknown, sendError: SendError): boolean {
    if (!path.startsWith("/__mock/")) return false;
    if (path === "/__mock/fault" && (req.method === "POST" || req.method === "DELETE")) {
      const parsed = req.method === "DELETE" ? parseFault(null) : parseFault(body);
      if (!parsed.ok) sendError(res, 400, parsed.message);
      else {
        this.faults.set(parsed.fault);
        sendJson(res, 200, { ok: true, fault: parsed.fault });
      }
      return true;
    }
    if (path === "/__mock/requests" && req.method === "GET") {
      sendJson(res, 200, { data: this.requests });
      return true;
    }
    if (path === "/__mock/reset" && req.method === "POST") {
      this.reset();
      sendJson(res, 200, { ok: true });
      return true;
    }
    sendError(res, 404, `Unknown control endpoint ${req.method} ${path}`);
    return true;
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.set(null);
    this.onReset();
  }
}

/**
 * Arguments a mock model makes up for a tool call from the tool's JSON schema (Gemini's uppercase
 * types too): each required property gets its enum's first value, 1, true, [] or {}, and strings
 * the first 20 characters of `text`.
 */
export function sampleArguments(schema: unknown, text: string): Record<string, unknown> {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const s = isObject(schema) ? schema : {};
  const props = isObject(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.map(String) : Object.keys(props);
  const args: Record<string, unknown> = {};
  for (const key of required) {
    const p = isObject(props[key]) ? props[key] : {};
    const type = String(p.type ?? "string").toLowerCase();
    if (Array.isArray(p.enum)) args[key] = p.enum[0];
    else if (type === "number" || type === "integer") args[key] = 1;
    else if (type === "boolean") args[key] = true;
    else if (type === "array") args[key] = [];
    else if (type === "object") args[key] = {};
    else args[key] = Array.from(text).slice(0, 20).join("") || key;
  }
  return args;
}

/** Sends a JSON answer, honouring the faults that also apply to non-streamed answers. */
export async function sendPayload(res: ServerResponse, payload: unknown, fault: MockFault | null, signal: AbortSignal): Promise<void> {
  if (fault?.type === "slow_stream") await sleep(fault.chunkDelayMs, undefined, { signal });
  if (fault?.type === "reset_mid_stream") {
    const text = JSON.stringify(payload);
    res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
    res.write(text.slice(0, Math.floor(text.length / 2)));
    return void setImmediate(() => res.socket?.destroy());
  }
  sendJson(res, 200, payload);
}

/**
 * Streams SSE events one write at a time, then `tail` (e.g. `data: [DONE]`). Faults: `slow_stream`
 * waits between events, `reset_mid_stream` drops the connection after `afterChunks` events,
 * `stream_error` sends `errorEvent` after `afterChunks` events and ends the stream (both before
 * `tail` when the stream has fewer events).
 */
export async function streamEvents(
  res: ServerResponse,
  events: string[],
  opts: { tail?: string; fault: MockFault | null; signal: AbortSignal; errorEvent: string },
): Promise<void> {
  const { fault, signal } = opts;
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  for (let i = 0; i <= events.length; i++) {
    // Both faults strike at the latest after the last event: the stream never ends normally.
    const due = fault && "afterChunks" in fault && (i >= fault.afterChunks || i === events.length);
    if (due && fault.type === "reset_mid_stream") return void res.socket?.destroy();
    if (due && fault.type === "stream_error") return void res.end(opts.errorEvent);
    if (i === events.length) break;
    // Waiting for each write to flush keeps a later socket reset from discarding events already "sent".
    await new Promise<void>((resolve, reject) => res.write(events[i], (err) => (err ? reject(err) : resolve())));
    if (fault?.type === "slow_stream" && fault.chunkDelayMs > 0) await sleep(fault.chunkDelayMs, undefined, { signal });
  }
  res.end(opts.tail ?? "");
}

/** Starts a loopback HTTP server running `handle` per request; its signal aborts when the client goes away. */
export async function startServer(
  handle: (req: IncomingMessage, res: ServerResponse, signal: AbortSignal) => Promise<void>,
  sendError: SendError,
  options: { port?: number; host?: string },
): Promise<{ origin: string; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    handle(req, res, abort.signal).catch((err: unknown) => {
      if (abort.signal.aborted) return;
      if (!res.headersSent) sendError(res, 500, `Mock upstream failure: ${String(err)}`);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === "IPv6" ? `[${address}]` : address;
  return {
    origin: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Applies the faults that strike before an answer is chosen: `hang` (never answer), `delay`, and
 * `status` (the provider's error via `sendStatus`, with Retry-After when set). True when `status`
 * or `hang` settled the request.
 */
export async function earlyFault(
  res: ServerResponse,
  fault: MockFault | null,
  signal: AbortSignal,
  sendStatus: (status: number, message: string) => void,
): Promise<boolean> {
  if (fault?.type === "hang") return true;
  if (fault?.type === "delay") await sleep(fault.ms, undefined, { signal });
  if (fault?.type !== "status") return false;
  if (fault.retryAfter !== undefined) res.setHeader("retry-after", String(fault.retryAfter));
  sendStatus(fault.status, fault.message ?? `Mock upstream error ${fault.status}`);
  return true;
}
