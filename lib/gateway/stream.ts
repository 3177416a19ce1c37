import { errorBody } from "@/lib/errors";
import type { Attempt, RelayCall } from "@/lib/gateway/call";
import type { BodyStream } from "@/lib/gateway/http";
import type { StreamTap } from "@/lib/gateway/plan";
import { sseErrorEvent } from "@/lib/gateway/sse";
import { describe, isTimeout } from "@/lib/gateway/upstream";
import { callLog } from "@/lib/log";

/**
 * The client's stream: upstream events rewritten by the plan's tap and forwarded as they arrive
 * (one upstream chunk read per client pull, so a slow client slows the upstream read instead of
 * filling memory). The call is charged for what was produced however the stream ends, and settled
 * before the last bytes go out so quotas are current when the client sees the end. A client that
 * goes away aborts the upstream and is never held against the channel; an upstream that breaks
 * off ends the stream with an error event and is.
 */
export class RelayStream implements BodyStream {
  private pending: Uint8Array | null;
  private over = false;
  private lastCheckpoint: number;

  constructor(
    private readonly call: RelayCall,
    private readonly attempt: Attempt,
    private readonly tap: StreamTap,
    private readonly upstream: AsyncIterator<Uint8Array>,
    first: Uint8Array,
    /** stops the upstream request (abort = true) or just lets go of it once it is complete */
    private readonly releaseUpstream: (abort: boolean) => void,
  ) {
    this.pending = first;
    this.lastCheckpoint = call.deps.now();
  }

  /** Stores the call's progress every checkpoint interval, so a crash of this process still charges it. */
  private maybeCheckpoint(): void {
    const now = this.call.deps.now();
    if (now - this.lastCheckpoint < this.call.deps.config.checkpointIntervalMs) return;
    this.lastCheckpoint = now;
    void this.call.checkpoint(this.tap.usage, this.tap.text);
  }

  async next(): Promise<Uint8Array | null> {
    if (this.over) return null;
    try {
      for (;;) {
        let chunk = this.pending;
        this.pending = null;
        if (chunk === null) {
          const n = await this.upstream.next();
          if (this.over) return null;
          if (n.done) return await this.end(this.tap.end(), null, false);
          chunk = n.value;
        }
        const out = this.tap.push(chunk);
        this.maybeCheckpoint();
        if (out) return out;
      }
    } catch (err) {
      if (this.over) return null; // the client went away first; cancel() finished the call
      if (this.call.input.signal.aborted) {
        await this.cancel();
        return null;
      }
      const code = isTimeout(err) ? "upstream_timeout" : "upstream_error";
      callLog(this.call.requestId).warn({ channelId: this.attempt.channel.id, error: describe(err) }, "upstream stream failed");
      this.attempt.fault = "upstream";
      this.attempt.error = `stream broke off: ${describe(err)}`;
      let tail: Uint8Array | null = null;
      try {
        tail = this.tap.end();
      } catch {
        // an unfinished event is dropped
      }
      const message = "The upstream stream ended unexpectedly.";
      const error = this.tap.fail ? this.tap.fail(code, message) : sseErrorEvent(errorBody(code, message));
      const parts = [tail, error].filter((p): p is Uint8Array => p !== null);
      return await this.end(parts.length ? Buffer.concat(parts) : null, code, true);
    }
  }

  async cancel(): Promise<void> {
    if (this.over) return;
    this.over = true;
    this.releaseUpstream(true);
    await this.call.finish({
      status: 499,
      errorCode: "client_closed",
      errorMessage: "The client closed the connection during the stream.",
      produced: true,
      usage: this.tap.usage,
      text: this.tap.text,
    });
  }

  private async end(bytes: Uint8Array | null, errorCode: string | null, abort: boolean): Promise<Uint8Array | null> {
    this.over = true;
    this.releaseUpstream(abort);
    if (this.tap.upstreamError && this.attempt.fault === null) {
      this.attempt.fault = "upstream";
      this.attempt.error = `error inside the stream: ${this.tap.upstreamError}`;
    }
    await this.call.finish({
      status: 200,
      errorCode: errorCode ?? (this.tap.upstreamError ? "upstream_error" : null),
      errorMessage: this.attempt.error,
      produced: true,
      usage: this.tap.usage,
      text: this.tap.text,
    });
    return bytes;
  }
}
