import { Agent, request, type Dispatcher } from "undici";
import type { ChannelRecord } from "@/lib/db/channels";
import { isTimeout, sanitize, describe as describeError } from "@/lib/gateway/upstream";

/** What a channel test answers (POST /api/admin/channels/{id}/test). */
export type ChannelTestResult = {
  ok: boolean;
  latencyMs: number;
  /** The upstream's HTTP status; null when no answer arrived (refused, timed out). */
  status: number | null;
  /** What went wrong, with any key removed; absent on success. */
  error?: string;
  /** What was sent: the chat completion to a model, or the model list. */
  request: { method: "POST" | "GET"; path: string; model?: string };
};

const TEST_TIMEOUT_MS = 10_000;

let dispatcher: Dispatcher | undefined;
// One small pool for tests, separate from the relay's, so a hanging test never ties up relay sockets.
function testDispatcher(): Dispatcher {
  dispatcher ??= new Agent({ connect: { timeout: TEST_TIMEOUT_MS }, keepAliveTimeout: 5_000, connections: 8 });
  return dispatcher;
}

/** The upstream's own message from an OpenAI-style error body, or the start of the text. */
function upstreamMessage(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof json.error === "string") return json.error;
    if (typeof json.error?.message === "string") return json.error.message;
    if (typeof json.message === "string") return json.message;
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 300);
}

// Models that cannot answer a chat completion; a channel whose first model is one is tested with GET /models.
const NOT_CHAT = /embed|rerank|moderation|whisper|tts|dall-e/i;

/**
 * Sends the smallest real request through a channel: a chat completion with `max_tokens: 1` to its
 * first model (after the channel's model mapping), or `GET /models` when that is not a chat model. Never
 * throws for upstream trouble, and the answer never contains the channel's key.
 */
export async function testChannel(
  channel: Pick<ChannelRecord, "baseUrl" | "apiKey" | "models" | "modelMapping">,
  opts: { timeoutMs?: number } = {},
): Promise<ChannelTestResult> {
  const timeoutMs = opts.timeoutMs ?? TEST_TIMEOUT_MS;
  const base = channel.baseUrl.replace(/\/+$/, "");
  const first = channel.models[0];
  const mapped = first === undefined ? undefined : (channel.modelMapping[first] ?? first);
  const target: ChannelTestResult["request"] =
    mapped === undefined || NOT_CHAT.test(mapped)
      ? { method: "GET", path: "/models" }
      : { method: "POST", path: "/chat/completions", model: mapped };
  const model = target.model;
  const secrets = [channel.apiKey];
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await request(`${base}${target.path}`, {
      dispatcher: testDispatcher(),
      method: target.method,
      headers: {
        accept: "application/json",
        authorization: `Bearer ${channel.apiKey}`,
        ...(model ? { "content-type": "application/json" } : {}),
      },
      body: model
        ? JSON.stringify({ model, messages: [{ role: "user", content: "ping" }], max_tokens: 1, stream: false })
        : undefined,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.body.text();
    const latencyMs = elapsed();
    if (res.statusCode >= 200 && res.statusCode < 300) {
      return { ok: true, latencyMs, status: res.statusCode, request: target };
    }
    const message = upstreamMessage(text) || `HTTP ${res.statusCode}`;
    return {
      ok: false,
      latencyMs,
      status: res.statusCode,
      error: sanitize(`HTTP ${res.statusCode}: ${message}`, secrets),
      request: target,
    };
  } catch (err) {
    const latencyMs = elapsed();
    const timedOut = isTimeout(err) || (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"));
    const error = timedOut ? `No answer within ${Math.round(timeoutMs / 1000)} s` : describeError(err);
    return { ok: false, latencyMs, status: null, error: sanitize(error, secrets), request: target };
  }
}
