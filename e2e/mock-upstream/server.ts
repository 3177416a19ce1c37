import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { FaultState, errorKind, parseFault, type MockFault } from "./faults";
import { buildReply, chatCompletion, embeddings, streamChunks, textCompletion } from "./replies";

export type { MockFault } from "./faults";

export interface MockUpstreamOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The key clients must present as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** What GET /v1/models lists; requests may name any model. */
  models?: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, or null when empty. */
  body: unknown;
}

export interface MockUpstream {
  /** Base URL ending in /v1. */
  url: string;
  port: number;
  close(): Promise<void>;
  setFault(fault: MockFault | null): void;
  /** Reports this many cached prompt tokens on the following answers (null: none). */
  setCachedTokens(n: number | null): void;
  /** Every /v1 request received, in order (authorized or not). */
  requests: RecordedRequest[];
  /** Clears the recorded requests and the standing fault. */
  reset(): void;
}

type Json = Record<string, unknown>;
const DEFAULT_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo-instruct", "text-embedding-3-small"];

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, code: string | null, type?: string): void {
  sendJson(res, status, { error: { message, type: type ?? errorKind(status).type, param: null, code } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

function parseJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts an OpenAI-compatible mock upstream with switchable faults (see e2e/mock-upstream/faults.ts). */
export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const apiKey = options.apiKey ?? "mock-key";
  const models = options.models ?? DEFAULT_MODELS;
  const faults = new FaultState();
  const requests: RecordedRequest[] = [];
  let counter = 0;
  let cachedTokens: string | null = null;

  async function control(req: IncomingMessage, res: ServerResponse, path: string, body: unknown): Promise<void> {
    if (path === "/__mock/fault" && (req.method === "POST" || req.method === "DELETE")) {
      const parsed = req.method === "DELETE" ? parseFault(null) : parseFault(body);
      if (!parsed.ok) return sendError(res, 400, parsed.message, "invalid_fault");
      faults.set(parsed.fault);
      return sendJson(res, 200, { ok: true, fault: parsed.fault });
    }
    if (path === "/__mock/requests" && req.method === "GET") return sendJson(res, 200, { data: requests });
    if (path === "/__mock/reset" && req.method === "POST") {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    sendError(res, 404, `Unknown control endpoint ${req.method} ${path}`, "not_found");
  }

  function reset(): void {
    requests.length = 0;
    faults.set(null);
    cachedTokens = null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const path = new URL(req.url ?? "/", "http://mock").pathname;
    const text = await readBody(req);
    const body = parseJson(text);
    if (path.startsWith("/__mock/")) return control(req, res, path, body);

    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    requests.push({ method: req.method ?? "GET", path, headers, body });
    const requestId = `req_mock_${++counter}`;
    res.setHeader("x-request-id", requestId);

    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendError(res, 401, "Incorrect API key provided.", "invalid_api_key", "invalid_request_error");
    }
    let fault: MockFault | null;
    const header = req.headers["x-mock-fault"];
    if (typeof header === "string") {
      const parsed = parseFault(parseJson(header));
      if (!parsed.ok) return sendError(res, 400, `x-mock-fault: ${parsed.message}`, "invalid_fault");
      fault = parsed.fault;
    } else {
      fault = faults.take();
    }

    if (fault?.type === "hang") return;
    if (fault?.type === "delay") await sleep(fault.ms, undefined, { signal });
    if (fault?.type === "status") {
      const { code } = errorKind(fault.status);
      if (fault.retryAfter !== undefined) res.setHeader("retry-after", String(fault.retryAfter));
      return sendError(res, fault.status, fault.message ?? `Mock upstream error ${fault.status}`, code);
    }
    await route(req, res, path, body, fault, requestId, signal);
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: unknown,
    fault: MockFault | null,
    requestId: string,
    signal: AbortSignal,
  ): Promise<void> {
    const withUsage = fault?.type !== "no_usage";
    if (req.method === "GET" && path === "/v1/models") {
      const data = models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "mock" }));
      return finish(res, { object: "list", data }, fault, signal);
    }
    if (req.method === "GET" && path.startsWith("/v1/models/")) {
      const id = decodeURIComponent(path.slice("/v1/models/".length));
      if (!models.includes(id)) return sendError(res, 404, `The model '${id}' does not exist`, "model_not_found");
      return finish(res, { id, object: "model", created: 1_700_000_000, owned_by: "mock" }, fault, signal);
    }
    const endpoint =
      path === "/v1/chat/completions" ? "chat" : path === "/v1/completions" ? "completions" : path === "/v1/embeddings" ? "embeddings" : null;
    if (req.method !== "POST" || endpoint === null) {
      return sendError(res, 404, `Unknown request URL: ${req.method} ${path}`, "unknown_url", "invalid_request_error");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return sendError(res, 400, "We could not parse the JSON body of your request.", null);
    }
    const json = body as Json;
    if (typeof json.model !== "string" || json.model === "") {
      return sendError(res, 400, "you must provide a model parameter", null);
    }
    const missing = endpoint === "chat" ? !Array.isArray(json.messages) : endpoint === "completions" ? json.prompt === undefined : json.input === undefined;
    if (missing) {
      const field = endpoint === "chat" ? "messages" : endpoint === "completions" ? "prompt" : "input";
      return sendError(res, 400, `Missing required parameter: '${field}'.`, "missing_required_parameter");
    }
    if (endpoint === "embeddings") return finish(res, await embeddings(json, withUsage), fault, signal);

    const header = req.headers["x-mock-cached-tokens"];
    const cached = typeof header === "string" ? header : cachedTokens;
    const reply = await buildReply(json, endpoint, cached);
    const id = endpoint === "chat" ? `chatcmpl-${requestId}` : `cmpl-${requestId}`;
    if (json.stream !== true) {
      const payload = endpoint === "chat" ? chatCompletion(id, json.model, reply, withUsage) : textCompletion(id, json.model, reply, withUsage);
      return finish(res, payload, fault, signal);
    }
    const streamOptions = json.stream_options as Json | undefined;
    const includeUsage = withUsage && streamOptions?.include_usage === true;
    const chunks = streamChunks(id, json.model, endpoint, reply, includeUsage);
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
    res.flushHeaders();
    for (let i = 0; i < chunks.length; i++) {
      if (fault?.type === "reset_mid_stream" && i >= fault.afterChunks) return void res.socket?.destroy();
      // Waiting for each write to flush keeps a later socket reset from discarding chunks already "sent".
      await new Promise<void>((resolve, reject) => res.write(`data: ${JSON.stringify(chunks[i])}\n\n`, (err) => (err ? reject(err) : resolve())));
      if (fault?.type === "slow_stream" && fault.chunkDelayMs > 0) await sleep(fault.chunkDelayMs, undefined, { signal });
    }
    if (fault?.type === "reset_mid_stream" && chunks.length <= fault.afterChunks) return void res.socket?.destroy();
    res.end("data: [DONE]\n\n");
  }

  /** Sends a JSON answer, honouring faults that also apply to non-streamed answers. */
  async function finish(res: ServerResponse, payload: unknown, fault: MockFault | null, signal?: AbortSignal): Promise<void> {
    if (fault?.type === "slow_stream") await sleep(fault.chunkDelayMs, undefined, { signal });
    if (fault?.type === "reset_mid_stream") {
      const text = JSON.stringify(payload);
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      return void setImmediate(() => res.socket?.destroy());
    }
    sendJson(res, 200, payload);
  }

  const server = createServer((req, res) => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    handle(req, res, abort.signal).catch((err: unknown) => {
      if (abort.signal.aborted) return;
      if (!res.headersSent) sendError(res, 500, `Mock upstream failure: ${String(err)}`, null);
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
    url: `http://${host}:${port}/v1`,
    port,
    requests,
    reset,
    setFault: (fault) => faults.set(fault),
    setCachedTokens: (n) => {
      cachedTokens = n === null ? null : String(n);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
