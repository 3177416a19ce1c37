import { Agent, request, type Dispatcher } from "undici";
import { testRequest, type ProbeChannel } from "@/lib/gateway/providers/probe";
import { isTimeout, sanitize, describe as describeError } from "@/lib/gateway/upstream";

/** What a channel test answers (POST /api/admin/channels/{id}/test). */
export type ChannelTestResult = {
  ok: boolean;
  latencyMs: number;
  /** The upstream's HTTP status; null when no answer arrived (refused, timed out). */
  status: number | null;
  /** What went wrong, with any key removed; absent on success. */
  error?: string;
  /** What was sent: a one-token generation from a model, or the model list (path after the base URL). */
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

/**
 * Sends the smallest real request through a channel in its own format (providers/probe.ts): a
 * one-token generation from its first model (after the channel's model mapping), or the model list
 * when that is not a text model. Never throws for upstream trouble, and the answer never contains
 * the channel's key.
 */
export async function testChannel(channel: ProbeChannel, opts: { timeoutMs?: number } = {}): Promise<ChannelTestResult> {
  const timeoutMs = opts.timeoutMs ?? TEST_TIMEOUT_MS;
  const probe = testRequest(channel);
  const target = probe.shown;
  const secrets = [channel.apiKey];
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await request(probe.url, {
      dispatcher: testDispatcher(),
      method: probe.method,
      headers: probe.headers,
      body: probe.body,
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
