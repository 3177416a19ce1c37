import { Agent, errors, request, type Dispatcher } from "undici";
import { ENDPOINT_PATH, type ChannelInfo, type Endpoint } from "@/lib/gateway/types";

/** A keep-alive connection pool for upstream calls (one pool per origin inside the agent). */
export function createUpstreamDispatcher(opts: { connectTimeoutMs: number }): Dispatcher {
  return new Agent({
    connect: { timeout: opts.connectTimeoutMs },
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    connections: 256,
  });
}

export type UpstreamResult =
  | { kind: "response"; status: number; contentType: string; body: Dispatcher.ResponseData["body"] }
  | { kind: "failed"; timeout: boolean; reason: string };

/** The upstream URL for an endpoint: the channel's base URL (…/v1) plus the endpoint path. */
export function upstreamUrl(channel: ChannelInfo, endpoint: Endpoint): string {
  return `${channel.baseUrl.replace(/\/+$/, "")}${ENDPOINT_PATH[endpoint]}`;
}

/** Sends one request to one channel; transport failures come back as values, never thrown. */
export async function sendUpstream(
  dispatcher: Dispatcher,
  channel: ChannelInfo,
  endpoint: Endpoint,
  body: Uint8Array,
  opts: { signal: AbortSignal; timeoutMs: number; stream: boolean },
): Promise<UpstreamResult> {
  try {
    const res = await request(upstreamUrl(channel, endpoint), {
      dispatcher,
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: opts.stream ? "text/event-stream" : "application/json",
        authorization: `Bearer ${channel.apiKey}`,
      },
      body,
      signal: opts.signal,
      // Time to the response headers, and the longest silence between two body chunks.
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    const type = res.headers["content-type"];
    return {
      kind: "response",
      status: res.statusCode,
      contentType: (Array.isArray(type) ? type[0] : type) ?? "application/json",
      body: res.body,
    };
  } catch (err) {
    return { kind: "failed", timeout: isTimeout(err), reason: describe(err) };
  }
}

/** Whether an error is one of undici's timeouts. */
export function isTimeout(err: unknown): boolean {
  return (
    err instanceof errors.HeadersTimeoutError ||
    err instanceof errors.BodyTimeoutError ||
    err instanceof errors.ConnectTimeoutError
  );
}

/** A short, key-free description of a transport error for logs and channel state. */
export function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

/** Whether an upstream status means "try another channel" (the channel, not the request, is at fault). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500 || status === 401 || status === 403 || status === 408;
}

/** Removes anything key-like from upstream text before it reaches a client or a log. */
export function sanitize(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("***");
  return out
    .replace(/\b(sk|rk|pk|key)-[A-Za-z0-9_-]{6,}/g, "$1-***")
    .replace(/Bearer\s+[^\s"']+/gi, "Bearer ***")
    .slice(0, 2000);
}
