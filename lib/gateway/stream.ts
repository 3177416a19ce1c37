import type { Dispatcher } from "undici";
import { errorBody } from "@/lib/errors";
import { finishCall, type CallContext } from "@/lib/gateway/settle";
import { SseRelay, sseErrorEvent } from "@/lib/gateway/sse";
import { describe, isTimeout } from "@/lib/gateway/upstream";
import type { ChannelInfo } from "@/lib/gateway/types";

type Body = Dispatcher.ResponseData["body"];
type Chunk = IteratorResult<Uint8Array>;

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
};

/** Waits for the upstream's first body chunk: until then, a failure may still go to another channel. */
export async function firstChunk(body: Body): Promise<{ ok: true; iterator: AsyncIterator<Uint8Array>; first: Chunk } | { ok: false; timeout: boolean; reason: string }> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  try {
    const first = await iterator.next();
    if (first.done) return { ok: false, timeout: false, reason: "upstream closed the stream without data" };
    return { ok: true, iterator, first };
  } catch (err) {
    return { ok: false, timeout: isTimeout(err), reason: describe(err) };
  }
}

/**
 * The client's SSE stream: upstream events forwarded as they arrive (no buffering), usage captured,
 * settlement done before the stream closes so quotas are current when the client sees the end.
 * A client that goes away aborts the upstream request; an upstream that dies ends the stream with
 * an error event. Either way the call is charged for what was produced.
 */
export function relayStream(
  ctx: CallContext,
  channel: ChannelInfo,
  upstreamModel: string,
  iterator: AsyncIterator<Uint8Array>,
  first: Chunk,
  abortUpstream: () => void,
): ReadableStream<Uint8Array> {
  const sse = new SseRelay({
    clientWantsUsage: ctx.req.clientWantsUsage,
    clientModel: upstreamModel !== ctx.req.model ? ctx.req.model : null,
  });
  let pending: Chunk | null = first;
  let finished = false;

  const finish = async (status: number, errorCode: string | null) => {
    if (finished) return;
    finished = true;
    if (errorCode) ctx.deps.channelFailed(channel.id, errorCode);
    else ctx.deps.channelSucceeded(channel.id);
    await finishCall(ctx, {
      channel,
      upstreamModel,
      status,
      errorCode,
      produced: true,
      usage: sse.usage,
      text: sse.text,
    });
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // Keep reading until there is something to send: a pull that enqueues nothing may not
          // be called again, and an event the client must not see (the usage chunk) is dropped.
          for (;;) {
            const next = pending ?? (await iterator.next());
            pending = null;
            if (next.done) {
              const tail = sse.end();
              if (tail) controller.enqueue(tail);
              await finish(200, sse.upstreamError ? "upstream_error" : null);
              controller.close();
              return;
            }
            const out = sse.push(next.value);
            if (out) return controller.enqueue(out);
          }
        } catch (err) {
          if (finished) return; // the client went away first; cancel() settled the call
          const code = isTimeout(err) ? "upstream_timeout" : "upstream_error";
          console.warn(`[${ctx.requestId}] upstream stream failed on channel ${channel.id}: ${describe(err)}`);
          const tail = sse.end();
          if (tail) controller.enqueue(tail);
          controller.enqueue(sseErrorEvent(errorBody(code, "The upstream stream ended unexpectedly.")));
          await finish(200, code);
          controller.close();
        }
      },
      async cancel() {
        abortUpstream();
        await finish(499, "client_closed");
      },
    },
    { highWaterMark: 0 },
  );
}
