import type { IncomingMessage, ServerResponse } from "node:http";
import { MockState, earlyFault, parseBody, readBody, sendJson, sendPayload, startServer, streamEvents } from "./base";
import type { MockFault } from "./faults";
import { buildResponse, historyError, promptTokens, streamResponses } from "./gemini-replies";

export interface GeminiMockOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The key clients must present as `x-goog-api-key` (or `?key=`). */
  apiKey?: string;
  /** What GET /v1beta/models lists; requests may name any model. */
  models?: string[];
}

export interface GeminiMock {
  /** Base URL ending in /v1beta, as a `gemini` channel's base URL. */
  url: string;
  port: number;
  requests: MockState["requests"];
  setFault(fault: MockFault | null): void;
  /** Reports this many cached content tokens (capped at the prompt) on the following answers; null: none. */
  setCachedTokens(n: number | null): void;
  /** Clears the recorded requests, the standing fault and the cached tokens. */
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { code: status, message, status: STATUS_NAMES[status] ?? (status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION") } });
}

const sse = (payload: unknown) => `data: ${JSON.stringify(payload)}\r\n\r\n`;
const OVERLOADED = sse({ error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" } });
const ROUTE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/;

/**
 * Starts a Gemini API mock (`generateContent`, `streamGenerateContent` with `alt=sse` (CRLF-framed
 * events) or as a JSON array, `countTokens`, `GET /v1beta/models`) with the OpenAI mock's faults
 * and control endpoints, plus `POST /__mock/cache` `{cached}` to report cached content tokens.
 * Keys are checked as Google does (missing: 403, wrong: 400 API_KEY_INVALID); function call turns
 * need their thought signature back; `stream_error` faults send an in-stream UNAVAILABLE error.
 */
export async function startGeminiMock(options: GeminiMockOptions = {}): Promise<GeminiMock> {
  const apiKey = options.apiKey ?? "mock-key";
  const models = options.models ?? ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-3-pro-preview"];
  let counter = 0;
  let cached = 0;
  const state = new MockState(() => {
    cached = 0;
  });

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const url = new URL(req.url ?? "/", "http://mock");
    const body = parseBody(await readBody(req));
    if (url.pathname === "/__mock/cache" && (req.method === "POST" || req.method === "DELETE")) {
      const n = req.method === "DELETE" ? 0 : isObject(body) ? body.cached : undefined;
      if (!(Number.isSafeInteger(n) && (n as number) >= 0)) return sendError(res, 400, "cache must be {cached: non-negative integer}");
      cached = n as number;
      return sendJson(res, 200, { ok: true, cached });
    }
    if (state.control(req, res, url.pathname, body, sendError)) return;
    state.record(req, url.pathname + url.search, body);
    const key = req.headers["x-goog-api-key"] ?? url.searchParams.get("key");
    if (!key) {
      return sendError(res, 403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key.");
    }
    if (key !== apiKey) return sendError(res, 400, "API key not valid. Please pass a valid API key.");
    const parsed = state.faultFor(req);
    if (!parsed.ok) return sendError(res, 400, parsed.message);
    const fault = parsed.fault;
    if (await earlyFault(res, fault, signal, (status, message) => sendError(res, status, message))) return;

    if (req.method === "GET" && url.pathname === "/v1beta/models") {
      const list = models.map((m) => ({ name: `models/${m}`, displayName: m, supportedGenerationMethods: ["generateContent", "countTokens"] }));
      return sendPayload(res, { models: list }, fault, signal);
    }
    const route = req.method === "POST" ? ROUTE.exec(url.pathname) : null;
    if (!route) return sendError(res, 404, `Method not found: ${req.method} ${url.pathname}`);
    const [, model, method] = route;
    if (!isObject(body) || !Array.isArray(body.contents) || body.contents.length === 0) {
      return sendError(res, 400, "* GenerateContentRequest.contents: contents is not specified");
    }
    if (method === "countTokens") return sendPayload(res, { totalTokens: await promptTokens(body) }, fault, signal);
    const problem = historyError(body.contents.filter(isObject));
    if (problem) return sendError(res, 400, problem);
    const answer = await buildResponse(body, decodeURIComponent(model), `mock-${++counter}`, cached, fault?.type !== "no_usage");
    if (method === "generateContent") return sendPayload(res, answer, fault, signal);
    const chunks = streamResponses(answer);
    if (url.searchParams.get("alt") !== "sse") return sendPayload(res, chunks, fault, signal);
    await streamEvents(res, chunks.map(sse), { fault, signal, errorEvent: OVERLOADED });
  }

  const server = await startServer(handle, sendError, options);
  return {
    url: `${server.origin}/v1beta`,
    port: server.port,
    requests: state.requests,
    setFault: (fault) => state.faults.set(fault),
    setCachedTokens: (n) => {
      cached = n ?? 0;
    },
    reset: () => state.reset(),
    close: () => server.close(),
  };
}
