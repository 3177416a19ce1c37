import type { IncomingMessage, ServerResponse } from "node:http";
import { MockState, earlyFault, parseBody, readBody, sendJson, sendPayload, startServer, streamEvents } from "./base";
import { errorKind, type MockFault } from "./faults";
import { buildReply, chatCompletion, embeddings, streamChunks, textCompletion } from "./replies";
import { buildResponse, inputError, responseEvents } from "./responses-replies";

export type { MockFault } from "./faults";
export type { RecordedRequest } from "./base";

export interface MockUpstreamOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The key clients must present: `Authorization: Bearer <key>` on /v1, `api-key: <key>` on Azure's /openai paths. */
  apiKey?: string;
  /** Several keys, any of which is accepted (instead of apiKey). */
  apiKeys?: string[];
  /** What GET /v1/models lists; requests may name any model. */
  models?: string[];
}

export interface MockUpstream {
  /** Base URL ending in /v1, as an `openai` channel's base URL. */
  url: string;
  /** The server's origin, as an `azure` channel's base URL (`/openai/deployments/…` and `/openai/v1/…`). */
  origin: string;
  port: number;
  close(): Promise<void>;
  setFault(fault: MockFault | null): void;
  /** Replaces the accepted keys: a key left out is revoked (answers 401). */
  setKeys(keys: string[]): void;
  /** Reports this many cached prompt tokens on the following answers (null: none). */
  setCachedTokens(n: number | null): void;
  /** Every request received outside /__mock/, in order (authorized or not); the path keeps its query. */
  requests: MockState["requests"];
  /** Clears the recorded requests and the standing fault. */
  reset(): void;
}

type Json = Record<string, unknown>;
const DEFAULT_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo-instruct", "text-embedding-3-small"];

function sendError(res: ServerResponse, status: number, message: string, code: string | null, type?: string): void {
  sendJson(res, status, { error: { message, type: type ?? errorKind(status).type, param: null, code } });
}

/** OpenAI's reasoning models (o1, o3, o4-mini, gpt-5…), which take only max_completion_tokens. */
const REASONING_MODEL = /^(o\d|gpt-5)/;

type Endpoint = "chat" | "completions" | "embeddings" | "responses";
const ENDPOINTS: Record<string, Endpoint> = {
  "chat/completions": "chat",
  completions: "completions",
  embeddings: "embeddings",
  responses: "responses",
};

/**
 * Which API a path belongs to: OpenAI's `/v1/…` (bearer key), or Azure OpenAI's (`api-key`
 * header): the v1 form `/openai/v1/…`, the deployment form `/openai/deployments/{d}/…` (the
 * deployment names the model), `/openai/responses` or `/openai/models`, which need `?api-version=`.
 */
type Route = { api: "openai" | "azure"; rest: string; deployment: string | null; needsVersion: boolean };

function routeOf(path: string): Route | null {
  if (path.startsWith("/v1/")) return { api: "openai", rest: path.slice(4), deployment: null, needsVersion: false };
  if (path.startsWith("/openai/v1/")) return { api: "azure", rest: path.slice(11), deployment: null, needsVersion: false };
  const dep = /^\/openai\/deployments\/([^/]+)\/(.+)$/.exec(path);
  if (dep) return { api: "azure", rest: dep[2], deployment: decodeURIComponent(dep[1]), needsVersion: true };
  if (path === "/openai/responses") return { api: "azure", rest: "responses", deployment: null, needsVersion: true };
  if (path === "/openai/models") return { api: "azure", rest: "models", deployment: null, needsVersion: true };
  return null;
}

/** Azure's error shape: `{error: {code, message}}` with the status as a string code. */
function sendAzureError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { code: String(status), message } });
}

/** Starts an OpenAI-compatible mock upstream with switchable faults (see e2e/mock-upstream/faults.ts). */
export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  let keys = new Set(options.apiKeys ?? [options.apiKey ?? "mock-key"]);
  const models = options.models ?? DEFAULT_MODELS;
  let counter = 0;
  let cachedTokens: string | null = null;
  /** Stored responses, for `previous_response_id`. */
  const stored = new Set<string>();
  const state = new MockState(() => {
    cachedTokens = null;
    stored.clear();
  });
  const controlError = (res: ServerResponse, status: number, message: string) =>
    sendError(res, status, message, status === 400 ? "invalid_fault" : "not_found");

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const url = new URL(req.url ?? "/", "http://mock");
    const path = url.pathname;
    const body = parseBody(await readBody(req));
    if (state.control(req, res, path, body, controlError)) return;
    state.record(req, path + url.search, body);
    const requestId = `req_mock_${++counter}`;
    res.setHeader("x-request-id", requestId);

    const where = routeOf(path);
    const bearer = req.headers.authorization ?? "";
    if (where?.api === "azure") {
      if (!keys.has(String(req.headers["api-key"] ?? ""))) {
        const message =
          "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.";
        return sendAzureError(res, 401, message);
      }
      if (where.needsVersion && !url.searchParams.get("api-version")) return sendAzureError(res, 404, "Resource not found");
    } else if (!bearer.startsWith("Bearer ") || !keys.has(bearer.slice(7))) {
      return sendError(res, 401, "Incorrect API key provided.", "invalid_api_key", "invalid_request_error");
    }
    const parsed = state.faultFor(req);
    if (!parsed.ok) return sendError(res, 400, parsed.message, "invalid_fault");
    const fault = parsed.fault;
    const settled = await earlyFault(res, fault, signal, (status, message) => sendError(res, status, message, errorKind(status).code));
    if (settled) return;
    await route(req, res, where, body, fault, requestId, signal);
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    where: Route | null,
    body: unknown,
    fault: MockFault | null,
    requestId: string,
    signal: AbortSignal,
  ): Promise<void> {
    const withUsage = fault?.type !== "no_usage";
    const path = where?.rest ?? "";
    if (req.method === "GET" && path === "models" && where?.deployment === null) {
      const data = models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "mock" }));
      return sendPayload(res, { object: "list", data }, fault, signal);
    }
    if (req.method === "GET" && path.startsWith("models/") && where?.deployment === null) {
      const id = decodeURIComponent(path.slice("models/".length));
      if (!models.includes(id)) return sendError(res, 404, `The model '${id}' does not exist`, "model_not_found");
      return sendPayload(res, { id, object: "model", created: 1_700_000_000, owned_by: "mock" }, fault, signal);
    }
    const endpoint: Endpoint | null = Object.hasOwn(ENDPOINTS, path) ? ENDPOINTS[path] : null;
    if (req.method !== "POST" || endpoint === null) {
      return sendError(res, 404, `Unknown request URL: ${req.method} ${req.url}`, "unknown_url", "invalid_request_error");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return sendError(res, 400, "We could not parse the JSON body of your request.", null);
    }
    // In Azure's deployment form the deployment names the model.
    const json = where?.deployment ? { ...(body as Json), model: where.deployment } : (body as Json);
    if (typeof json.model !== "string" || json.model === "") {
      return sendError(res, 400, "you must provide a model parameter", null);
    }
    const field = { chat: "messages", completions: "prompt", embeddings: "input", responses: "input" }[endpoint];
    const missing = endpoint === "chat" ? !Array.isArray(json.messages) : json[field] === undefined;
    if (missing) return sendError(res, 400, `Missing required parameter: '${field}'.`, "missing_required_parameter");
    if (endpoint === "embeddings") return sendPayload(res, await embeddings(json, withUsage), fault, signal);
    // OpenAI's models that do not reason refuse a reasoning effort, as the real API does.
    if (endpoint === "chat" && /^(gpt-4|gpt-3\.5)/.test(json.model) && json.reasoning_effort !== undefined) {
      const message = "Unsupported parameter: 'reasoning_effort' is not supported with this model.";
      return sendJson(res, 400, { error: { message, type: "invalid_request_error", param: "reasoning_effort", code: "unsupported_parameter" } });
    }
    // OpenAI's reasoning models take only the default sampling, as the real API does.
    const sampling = ["temperature", "top_p"].find((k) => json[k] !== undefined && json[k] !== 1);
    if (endpoint === "chat" && REASONING_MODEL.test(json.model) && sampling) {
      const message = `Unsupported value: '${sampling}' does not support ${String(json[sampling])} with this model. Only the default (1) value is supported.`;
      return sendJson(res, 400, { error: { message, type: "invalid_request_error", param: sampling, code: "unsupported_value" } });
    }
    // OpenAI's reasoning models refuse the older output limit, as the real API does.
    if (endpoint === "chat" && REASONING_MODEL.test(json.model) && json.max_tokens !== undefined) {
      const message = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
      return sendJson(res, 400, { error: { message, type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" } });
    }

    const header = req.headers["x-mock-cached-tokens"];
    const cached = typeof header === "string" ? header : cachedTokens;
    if (endpoint === "responses") return responses(res, json, cached, fault, requestId, signal);
    const reply = await buildReply(json, endpoint, cached, requestId.replace("req_", ""));
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

  async function responses(res: ServerResponse, json: Json, cached: string | null, fault: MockFault | null, requestId: string, signal: AbortSignal) {
    const problem = inputError(json.input);
    if (problem) return sendError(res, 400, problem, "invalid_request", "invalid_request_error");
    const previous = json.previous_response_id;
    if (previous !== undefined && previous !== null && !stored.has(String(previous))) {
      return sendError(res, 404, `Previous response with id '${String(previous)}' not found.`, "previous_response_not_found", "invalid_request_error");
    }
    const response = await buildResponse(json, requestId.replace("req_", ""), Number.parseInt(cached ?? "0", 10) || 0, fault?.type !== "no_usage");
    if (json.store !== false) stored.add(String(response.id));
    if (json.stream !== true) return sendPayload(res, response, fault, signal);
    const error = { type: "error", code: "server_error", message: "The server had an error while processing your request.", param: null };
    await streamEvents(res, responseEvents(response), { fault, signal, errorEvent: `event: error\ndata: ${JSON.stringify(error)}\n\n` });
  }

  const server = await startServer(handle, (res, status, message) => sendError(res, status, message, null), options);
  return {
    url: `${server.origin}/v1`,
    origin: server.origin,
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
