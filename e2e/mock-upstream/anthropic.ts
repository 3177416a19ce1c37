import type { IncomingMessage, ServerResponse } from "node:http";
import { buildMessage, historyError, inputTokens, messageEvents, type CacheUsage } from "./anthropic-replies";
import { MockState, earlyFault, parseBody, readBody, sendJson, sendPayload, startServer, streamEvents } from "./base";
import type { MockFault } from "./faults";

export type { CacheUsage } from "./anthropic-replies";

export interface AnthropicMockOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The key clients must present as `x-api-key` or `Authorization: Bearer`. */
  apiKey?: string;
}

export interface AnthropicMock {
  /** Base URL ending in /v1, as an `anthropic` channel's base URL. */
  url: string;
  port: number;
  requests: MockState["requests"];
  setFault(fault: MockFault | null): void;
  /** Reports these cache reads and writes (capped at the prompt) on the following answers; null: none. */
  setCache(cache: CacheUsage | null): void;
  /** Clears the recorded requests, the standing fault and the cache usage. */
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

function sendError(res: ServerResponse, status: number, message: string): void {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  sendJson(res, status, { type: "error", error: { type, message } });
}

const OVERLOADED = `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } })}\n\n`;

/** What the Messages API refuses with 400, as its message; null when the body is acceptable. */
function invalid(body: unknown, countOnly: boolean, version: string): string | null {
  if (!isObject(body)) return "The request body is not valid JSON.";
  // From API version 2026-10-21 Anthropic refuses every sampling parameter, whatever its value.
  const sampling = ["temperature", "top_p", "top_k"].find((k) => body[k] !== undefined);
  if (sampling && version >= "2026-10-21") return `${sampling}: Extra inputs are not permitted`;
  if (typeof body.model !== "string" || body.model === "") return "model: Field required";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: Field required";
  if (!countOnly && !(Number.isSafeInteger(body.max_tokens) && (body.max_tokens as number) >= 1)) return "max_tokens: Field required";
  const thinking = isObject(body.thinking) ? body.thinking : null;
  if (thinking?.type === "enabled") {
    const budget = thinking.budget_tokens;
    if (!Number.isSafeInteger(budget) || (budget as number) < 1024) return "thinking.budget_tokens: Input should be greater than or equal to 1024";
    if (!countOnly && (budget as number) >= (body.max_tokens as number)) return "`max_tokens` must be greater than `thinking.budget_tokens`";
    if (body.temperature !== undefined && body.temperature !== 1) return "`temperature` may only be set to 1 when thinking is enabled";
  }
  if (typeof body.temperature === "number" && (body.temperature < 0 || body.temperature > 1)) return "temperature: Input should be less than or equal to 1";
  return historyError(body.messages.filter(isObject));
}

/**
 * Starts an Anthropic Messages mock (`POST /v1/messages`, stream and not,
 * `/v1/messages/count_tokens` and `GET /v1/models`) with the OpenAI mock's faults and control endpoints, plus
 * `POST /__mock/cache` `{read, write5m, write1h}` to report cache usage. It requires the key
 * (`x-api-key` or bearer) and `anthropic-version`, checks thinking signatures and tool results in the history as
 * Anthropic does (and sampling parameters from API version 2026-10-21), and answers `stream_error`
 * faults with an in-stream `overloaded_error`.
 */
export async function startAnthropicMock(options: AnthropicMockOptions = {}): Promise<AnthropicMock> {
  const apiKey = options.apiKey ?? "mock-key";
  let counter = 0;
  let cache: CacheUsage | null = null;
  const state = new MockState(() => {
    cache = null;
  });

  function cacheControl(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    const value = req.method === "DELETE" ? null : body;
    const counts = isObject(value) ? [value.read ?? 0, value.write5m ?? 0, value.write1h ?? 0] : [];
    if (value !== null && !counts.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
      return sendError(res, 400, "cache must be null or {read, write5m, write1h} of non-negative integers");
    }
    cache = value === null ? null : { read: counts[0] as number, write5m: counts[1] as number, write1h: counts[2] as number };
    sendJson(res, 200, { ok: true, cache });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const path = new URL(req.url ?? "/", "http://mock").pathname;
    const body = parseBody(await readBody(req));
    if (path === "/__mock/cache" && (req.method === "POST" || req.method === "DELETE")) return cacheControl(req, res, body);
    if (state.control(req, res, path, body, sendError)) return;
    state.record(req, path, body);
    const requestId = `req_mock_${++counter}`;
    res.setHeader("request-id", requestId);
    // Anthropic takes the key as `x-api-key` (Claude Code, older SDKs) or as a bearer token (SDK 1.x).
    if (req.headers["x-api-key"] !== apiKey && req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendError(res, 401, "invalid x-api-key");
    }
    if (typeof req.headers["anthropic-version"] !== "string") return sendError(res, 400, "anthropic-version: header is required");
    const parsed = state.faultFor(req);
    if (!parsed.ok) return sendError(res, 400, parsed.message);
    const fault = parsed.fault;
    if (await earlyFault(res, fault, signal, (status, message) => sendError(res, status, message))) return;

    if (req.method === "GET" && path === "/v1/models") {
      const data = ["claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"].map((id) => ({ type: "model", id, display_name: id, created_at: "2025-11-24T00:00:00Z" }));
      return sendPayload(res, { data, has_more: false, first_id: data[0].id, last_id: data.at(-1)!.id }, fault, signal);
    }
    const count = path === "/v1/messages/count_tokens";
    if (req.method !== "POST" || (path !== "/v1/messages" && !count)) return sendError(res, 404, `Not found: ${req.method} ${path}`);
    const problem = invalid(body, count, String(req.headers["anthropic-version"]));
    if (problem) return sendError(res, 400, problem);
    const json = body as Json;
    if (count) return sendPayload(res, { input_tokens: await inputTokens(json) }, fault, signal);
    const message = await buildMessage(json, requestId.replace("req_", ""), cache, fault?.type !== "no_usage");
    if (json.stream !== true) return sendPayload(res, message, fault, signal);
    await streamEvents(res, messageEvents(message), { fault, signal, errorEvent: OVERLOADED });
  }

  const server = await startServer(handle, sendError, options);
  return {
    url: `${server.origin}/v1`,
    port: server.port,
    requests: state.requests,
    setFault: (fault) => state.faults.set(fault),
    setCache: (c) => {
      cache = c;
    },
    reset: () => state.reset(),
    close: () => server.close(),
  };
}
