// The relay's real upstream HTTP client: undici over a keep-alive pool, with every transport
// failure turned into an UpstreamFailure (timeouts flagged) so the core never sees undici's errors.
import { Agent, errors, request, type Dispatcher } from "undici";
import { UpstreamFailure, type UpstreamFetch } from "@/lib/gateway/upstream";

/** A keep-alive connection pool for upstream calls (one pool per origin inside the agent). */
export function createUpstreamDispatcher(opts: { connectTimeoutMs: number }): Dispatcher {
  return new Agent({
    connect: { timeout: opts.connectTimeoutMs },
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    connections: 1024,
    pipelining: 1,
  });
}

function failure(err: unknown): UpstreamFailure {
  if (err instanceof UpstreamFailure) return err;
  const timeout =
    err instanceof errors.HeadersTimeoutError ||
    err instanceof errors.BodyTimeoutError ||
    err instanceof errors.ConnectTimeoutError;
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return new UpstreamFailure(code ? `${code}: ${err.message}` : err.message, timeout);
  }
  return new UpstreamFailure(String(err), timeout);
}

async function* wrapBody(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (err) {
    throw failure(err);
  }
}

/** An UpstreamFetch over `dispatcher`. */
export function upstreamClient(dispatcher: Dispatcher): UpstreamFetch {
  return async (req) => {
    try {
      const res = await request(req.url, {
        dispatcher,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      }
      return {
        status: res.statusCode,
        headers,
        body: wrapBody(res.body),
        discard: () => void res.body.dump().catch(() => {}),
      };
    } catch (err) {
      throw failure(err);
    }
  };
}
