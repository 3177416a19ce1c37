// The attempts of one call over its channels: failover on the upstream's own failures, never on
// the client's; the first answer that reaches the client decides the call.
import type { Attempt, RelayCall } from "@/lib/gateway/call";
import { SSE_HEADERS, type RelayResult } from "@/lib/gateway/http";
import { planFor } from "@/lib/gateway/plan";
import { orderChannels } from "@/lib/gateway/routing";
import { RelayStream } from "@/lib/gateway/stream";
import { describe, isRetryableStatus, isTimeout, readAll, type UpstreamResponse } from "@/lib/gateway/upstream";
import type { ErrorCode } from "@/lib/errors";
import type { ChannelInfo } from "@/lib/gateway/types";
import { callLog } from "@/lib/log";

/** Largest upstream answer read whole (a non-streamed completion); more is treated as a broken upstream. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
/** Largest upstream error body read (its message is passed on). */
const MAX_ERROR_BYTES = 64 * 1024;

type Tried =
  | { kind: "answered"; result: RelayResult }
  /** `anotherKey`: the channel's key was set aside and another of its keys may be tried */
  | { kind: "failed"; timeout: boolean; anotherKey?: boolean }
  | { kind: "unfit"; code: ErrorCode; message: string; param?: string }
  | { kind: "client_gone" };

/** Tries channels in routing order until one answers; answers the contract's 502/504 when none does. */
export async function relayOverChannels(call: RelayCall, channels: ChannelInfo[]): Promise<RelayResult> {
  const { deps, input, format } = call;
  const session = call.req.sessionKey ?? input.headers.get("x-session-id") ?? input.headers.get("session_id");
  const order = orderChannels(channels, deps.random, session).slice(0, deps.config.maxAttempts);
  let timeout = false;
  let unfit: Extract<Tried, { kind: "unfit" }> | null = null;
  for (const channel of order) {
    if (input.signal.aborted) break;
    let tried = await tryChannel(call, channel);
    // A key set aside: the channel's other keys are tried before the next channel (each at most once).
    for (let more = channel.apiKeys.length - 1; tried.kind === "failed" && tried.anotherKey && more > 0 && !input.signal.aborted; more--) {
      tried = await tryChannel(call, channel);
    }
    if (tried.kind === "answered") return tried.result;
    if (tried.kind === "client_gone") break;
    if (tried.kind === "unfit") {
      unfit = tried;
      continue;
    }
    timeout = tried.timeout;
    const a = call.attempts.at(-1)!;
    callLog(call.requestId).warn({ channelId: channel.id, status: a.status, error: a.error }, "channel failed");
  }
  if (input.signal.aborted) {
    await call.finishEmpty(499, "client_closed", "The client closed the connection before the answer.");
    return format.error("client_closed", "The client closed the request.", { status: 499 });
  }
  if (call.attempts.length === 0 && unfit) {
    // No channel could take the request as it is (a field that does not convert): the client's to fix.
    await call.finishEmpty(400, unfit.code, unfit.message);
    return format.error(unfit.code, unfit.message, { param: unfit.param ?? null });
  }
  const code = timeout ? "upstream_timeout" : "upstream_error";
  await call.finishEmpty(timeout ? 504 : 502, code, call.attempts.map((a) => `channel ${a.channel.id}: ${a.error}`).join("; "));
  return format.error(
    code,
    timeout ? "The upstream provider did not answer in time." : "Every upstream channel for this model failed. Try again later.",
  );
}

async function tryChannel(call: RelayCall, pooled: ChannelInfo): Promise<Tried> {
  const { deps, input } = call;
  const key = deps.keys.pick(pooled) ?? pooled.apiKey;
  const channel = key === pooled.apiKey ? pooled : { ...pooled, apiKey: key };
  const planned = planFor(call.format, call.req, channel, { maxOutput: call.maxOutput, requestId: call.requestId, clientHeaders: input.headers });
  if (!planned.ok) return { kind: "unfit", code: planned.code, message: planned.message, param: planned.param };
  const plan = planned.value;
  const started = deps.now();
  const attempt: Attempt = { channel, upstreamModel: plan.upstreamModel, status: null, error: null, ms: 0, fault: null };
  call.attempts.push(attempt);
  const end = (fault: Attempt["fault"], error: string | null) => {
    attempt.fault = fault;
    attempt.error = error;
    attempt.ms = Math.max(0, Math.round(deps.now() - started));
  };

  // The attempt's own abort: the client going away stops the upstream request at once.
  const controller = new AbortController();
  const onClientAbort = () => controller.abort();
  input.signal.addEventListener("abort", onClientAbort, { once: true });
  const release = () => input.signal.removeEventListener("abort", onClientAbort);
  const failed = (err: unknown): Tried => {
    release();
    if (input.signal.aborted) {
      end("client", "client closed the request");
      return { kind: "client_gone" };
    }
    end("upstream", describe(err));
    return { kind: "failed", timeout: isTimeout(err) };
  };

  let res: UpstreamResponse;
  try {
    res = await deps.upstream({
      url: plan.url,
      method: "POST",
      headers: plan.headers,
      body: plan.body,
      signal: controller.signal,
      timeoutMs: deps.config.upstreamTimeoutMs,
    });
  } catch (err) {
    return failed(err);
  }
  attempt.status = res.status;
  const contentType = res.headers["content-type"] ?? "";

  if (res.status < 200 || res.status >= 300) {
    let bytes: Buffer;
    try {
      bytes = await readAll(res.body, MAX_ERROR_BYTES);
    } catch (err) {
      if (input.signal.aborted) return failed(err);
      bytes = Buffer.alloc(0);
    }
    release();
    if (isRetryableStatus(res.status)) {
      // One of several keys refused or rate-limited: that key is set aside; the channel is not at fault while others serve.
      if (isKeyFault(res.status) && channel.apiKeys.length > 1 && deps.keys.setAside(channel, key, res.status) > 0) {
        end("key", `HTTP ${res.status} (key set aside)`);
        return { kind: "failed", timeout: false, anotherKey: true };
      }
      // A rate-limited channel is busy, not broken: it does not count towards auto-disabling.
      end(res.status === 429 ? "busy" : "upstream", `HTTP ${res.status}`);
      return { kind: "failed", timeout: false };
    }
    end(null, null);
    const { result, code, message } = plan.clientError(res.status, bytes);
    return { kind: "answered", result: { ...result, finished: call.finishEmpty(res.status, code, message) } };
  }

  if (call.req.stream && contentType.includes("text/event-stream")) {
    const iterator = res.body[Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await iterator.next();
    } catch (err) {
      return failed(err);
    }
    if (first.done) {
      release();
      end("upstream", "upstream closed the stream without data");
      return { kind: "failed", timeout: false };
    }
    end(null, null);
    call.firstByteAt = deps.now();
    const stream = new RelayStream(call, attempt, plan.stream(), iterator, first.value, (abort) => {
      if (abort) controller.abort();
      release();
    });
    return { kind: "answered", result: { status: 200, headers: { ...SSE_HEADERS }, body: stream } };
  }

  let bytes: Buffer;
  try {
    bytes = await readAll(res.body, MAX_ANSWER_BYTES);
  } catch (err) {
    return failed(err);
  }
  release();
  const answer = plan.answer(bytes, contentType);
  if (!answer.ok) {
    end("upstream", answer.message);
    return { kind: "failed", timeout: false };
  }
  end(null, null);
  const { result, usage, text } = answer.value;
  // The answer goes out first; charging and recording follow on the next turn of the event loop.
  const finished = new Promise<void>((resolve) =>
    setImmediate(() => void call.finish({ status: 200, errorCode: null, produced: true, usage, text }).then(resolve)),
  );
  return { kind: "answered", result: { ...result, finished } };
}

/** Statuses that say something about the key rather than the channel: refused, or rate-limited. */
function isKeyFault(status: number): boolean {
  return status === 401 || status === 403 || status === 429;
}
