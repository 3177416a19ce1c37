import { errorBody, errorResponse } from "@/lib/errors";
import { orderChannels, upstreamModelName } from "@/lib/gateway/routing";
import { upstreamBody } from "@/lib/gateway/request";
import { finishCall, type CallContext } from "@/lib/gateway/settle";
import { firstChunk, relayStream, SSE_HEADERS } from "@/lib/gateway/stream";
import { isRetryableStatus, sanitize, sendUpstream, describe, isTimeout } from "@/lib/gateway/upstream";
import { generatedText, parseUsage, renameModel } from "@/lib/gateway/usage";
import type { ChannelInfo } from "@/lib/gateway/types";

type Attempt =
  | { done: true; response: Response }
  | { done: false; timeout: boolean; reason: string; channel: ChannelInfo };

/**
 * Tries channels in routing order until one answers. Connection errors, timeouts, 401/403/408/429
 * and 5xx move on to the next channel, but only before any byte reached the client.
 */
export async function relayCall(ctx: CallContext, channels: ChannelInfo[], clientSignal: AbortSignal): Promise<Response> {
  const order = orderChannels(channels, ctx.deps.random).slice(0, ctx.deps.config.maxAttempts);
  let last: Extract<Attempt, { done: false }> | null = null;
  for (const channel of order) {
    if (clientSignal.aborted) break;
    const attempt = await tryChannel(ctx, channel, clientSignal);
    if (attempt.done) return attempt.response;
    last = attempt;
    console.warn(`[${ctx.requestId}] channel ${channel.id} failed: ${attempt.reason}`);
  }
  const code = last?.timeout ? "upstream_timeout" : "upstream_error";
  await finishCall(ctx, {
    channel: last?.channel ?? null,
    upstreamModel: null,
    status: code === "upstream_timeout" ? 504 : 502,
    errorCode: clientSignal.aborted ? "client_closed" : code,
    produced: false,
    usage: null,
    text: "",
  });
  return errorResponse(
    code,
    code === "upstream_timeout" ? "The upstream provider did not answer in time." : "Every upstream channel for this model failed. Try again later.",
  );
}

async function tryChannel(ctx: CallContext, channel: ChannelInfo, clientSignal: AbortSignal): Promise<Attempt> {
  const { deps, req } = ctx;
  const upstreamModel = upstreamModelName(channel, req.model);
  const controller = new AbortController();
  const onClientAbort = () => controller.abort();
  clientSignal.addEventListener("abort", onClientAbort, { once: true });
  const release = () => clientSignal.removeEventListener("abort", onClientAbort);

  const res = await sendUpstream(deps.dispatcher, channel, ctx.endpoint, upstreamBody(req, upstreamModel), {
    signal: controller.signal,
    timeoutMs: deps.config.upstreamTimeoutMs,
    stream: req.stream,
  });
  if (res.kind === "failed") {
    release();
    deps.channelFailed(channel.id, res.reason);
    return { done: false, timeout: res.timeout, reason: res.reason, channel };
  }

  if (res.status < 200 || res.status >= 300) {
    const text = await res.body.text().catch(() => "");
    release();
    if (isRetryableStatus(res.status)) {
      // A rate-limited channel is busy, not broken: it does not count towards auto-disabling.
      if (res.status !== 429) deps.channelFailed(channel.id, `HTTP ${res.status}`);
      return { done: false, timeout: false, reason: `HTTP ${res.status}`, channel };
    }
    deps.channelSucceeded(channel.id);
    return { done: true, response: await clientError(ctx, channel, upstreamModel, res.status, text) };
  }

  if (req.stream && res.contentType.includes("text/event-stream")) {
    const first = await firstChunk(res.body);
    if (!first.ok) {
      release();
      deps.channelFailed(channel.id, first.reason);
      return { done: false, timeout: first.timeout, reason: first.reason, channel };
    }
    const stream = relayStream(ctx, channel, upstreamModel, first.iterator, first.first, () => {
      controller.abort();
      release();
    });
    return { done: true, response: new Response(stream, { status: 200, headers: SSE_HEADERS }) };
  }

  let text: string;
  let payload: Record<string, unknown>;
  try {
    text = await res.body.text();
    payload = JSON.parse(text);
  } catch (err) {
    release();
    const reason = `unreadable answer: ${describe(err)}`;
    deps.channelFailed(channel.id, reason);
    return { done: false, timeout: isTimeout(err), reason, channel };
  }
  release();
  deps.channelSucceeded(channel.id);
  const usage = parseUsage(payload.usage);
  await finishCall(ctx, {
    channel,
    upstreamModel,
    status: 200,
    errorCode: null,
    produced: true,
    usage,
    // The text is only needed to estimate usage the upstream did not report.
    text: usage ? "" : generatedText(payload),
  });
  // The upstream's bytes go back as they came, unless the model name has to be restored.
  if (upstreamModel !== req.model) {
    renameModel(payload, req.model);
    return { done: true, response: Response.json(payload) };
  }
  return { done: true, response: new Response(text, { status: 200, headers: { "content-type": res.contentType } }) };
}

/** An upstream 4xx goes back with its status and its message, stripped of anything key-like. */
async function clientError(ctx: CallContext, channel: ChannelInfo, upstreamModel: string, status: number, text: string) {
  let message = `The upstream provider rejected the request (HTTP ${status}).`;
  let code = status === 400 ? "invalid_request" : "upstream_error";
  let type: string | undefined;
  let param: string | null = null;
  try {
    const e = (JSON.parse(text) as { error?: Record<string, unknown> }).error;
    if (e && typeof e.message === "string") message = e.message;
    if (e && typeof e.code === "string") code = e.code;
    if (e && typeof e.type === "string") type = e.type;
    if (e && typeof e.param === "string") param = e.param;
  } catch {
    if (text.trim()) message = text.trim();
  }
  await finishCall(ctx, { channel, upstreamModel, status, errorCode: code, produced: false, usage: null, text: "" });
  const secrets = [channel.apiKey];
  return Response.json(errorBody(sanitize(code, secrets), sanitize(message, secrets), param, type), { status });
}
