import type { IncomingMessage, ServerResponse } from "node:http";
import { MockState, earlyFault, parseBody, readBody, sendJson, sendPayload, startServer, streamEvents } from "./base";
import { errorKind, type MockFault } from "./faults";
import { buildReply, chatCompletion, embeddings, streamChunks, textCompletion } from "./replies";

export type { MockFault } from "./faults";
export type { RecordedRequest } from "./base";

export interface MockUpstreamOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The key clients must present as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Several keys, any of which is accepted (instead of apiKey). */
  apiKeys?: string[];
  /** What GET /v1/models lists; requests may name any model. */
  models?: string[];
}

export interface MockUpstream {
  /** Base URL ending in /v1. */
  url: string;
  port: number;
  close(): Promise<void>;
  setFault(fault: MockFault | null): void;
  /** Replaces the accepted keys: a key left out is revoked (answers 401). */
  setKeys(keys: string[]): void;
  /** Reports this many cached prompt tokens on the following answers (null: none). */
  setCachedTokens(n: number | null): void;
  /** Every /v1 request received, in order (authorized or not). */
  requests: MockState["requests"];
  /** Clears the recorded requests and the standing fault. */
  reset(): void;
}

type Json = Record<string, unknown>;
const DEFAULT_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo-instruct", "text-embedding-3-small"];

function sendError(res: ServerResponse, status: number, message: string, code: string | null, type?: string): void {
  sendJson(res, status, { error: { message, type: type ?? errorKind(status).type, param: null, code } });
}

/** Starts an OpenAI-compatible mock upstream with switchable faults (see e2e/mock-upstream/faults.ts). */
export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  let keys = new Set(options.apiKeys ?? [options.apiKey ?? "mock-key"]);
  const models = options.models ?? DEFAULT_MODELS;
  let counter = 0;
  let cachedTokens: string | null = null;
  const state = new MockState(() => {
    cachedTokens = null;
  });
  const controlError = (res: ServerResponse, status: number, message: string) =>
    sendError(res, status, message, status === 400 ? "invalid_fault" : "not_found");

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const path = new URL(req.url ?? "/", "http://mock").pathname;
    const body = parseBody(await readBody(req));
    if (state.control(req, res, path, body, controlError)) return;
    state.record(req, path, body);
    const requestId = `req_mock_${++counter}`;
    res.setHeader("x-request-id", requestId);

    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ") || !keys.has(auth.slice(7))) {
      return sendError(res, 401, "Incorrect API key provided.", "invalid_api_key", "invalid_request_error");
    }
    const parsed = state.faultFor(req);
    if (!parsed.ok) return sendError(res, 400, parsed.message, "invalid_fault");
    const fault = parsed.fault;
    const settled = await earlyFault(res, fault, signal, (status, message) => sendError(res, status, message, errorKind(status).code));
    if (settled) return;
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
      return sendPayload(res, { object: "list", data }, fault, signal);
    }
    if (req.method === "GET" && path.startsWith("/v1/models/")) {
      const id = decodeURIComponent(path.slice("/v1/models/".length));
      if (!models.includes(id)) return sendError(res, 404, `The model '${id}' does not exist`, "model_not_found");
      return sendPayload(res, { id, object: "model", created: 1_700_000_000, owned_by: "mock" }, fault, signal);
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
    if (endpoint === "embeddings") return sendPayload(res, await embeddings(json, withUsage), fault, signal);

    const header = req.headers["x-mock-cached-tokens"];
    const cached = typeof header === "string" ? header : cachedTokens;
    const reply = await buildReply(json, endpoint, cached);
    const id = endpoint === "chat" ? `chatcmpl-${requestId}` : `cmpl-${requestId}`;
    if (json.stream !== true) {
      const payload = endpoint === "chat" ? chatCompletion(id, json.model, reply, withUsage) : textCompletion(id, json.model, reply, withUsage);
      return sendPayload(res, payload, fault, signal);
    }
    const streamOptions = json.stream_options as Json | undefined;
    const includeUsage = withUsage && streamOptions?.include_usage === true;
    const chunks = streamChunks(id, json.model, endpoint, reply, includeUsage);
    const events = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
    const error = { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null };
    const errorEvent = `data: ${JSON.stringify({ error })}\n\n`;
    await streamEvents(res, events, { tail: "data: [DONE]\n\n", fault, signal, errorEvent });
  }

  const server = await startServer(handle, (res, status, message) => sendError(res, status, message, null), options);
  return {
    url: `${server.origin}/v1`,
    port: server.port,
    requests: state.requests,
    reset: () => state.reset(),
    setFault: (fault) => state.faults.set(fault),
    setKeys: (list) => {
      keys = new Set(list);
    },
    setCachedTokens: (n) => {
      cachedTokens = n === null ? null : String(n);
    },
    close: () => server.close(),
  };
}
