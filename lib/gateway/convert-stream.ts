import type { TokenUsage } from "@/lib/billing/pricing";
import { errorBody } from "@/lib/errors";
import { isObject, type ChatChunk } from "@/lib/gateway/chat";
import type { StreamTap } from "@/lib/gateway/plan";
import { SseParser, formatSse, formatSseJson, type SseEvent } from "@/lib/gateway/sse-parse";
import { sanitize } from "@/lib/gateway/upstream";
import { generatedText, parseUsage } from "@/lib/gateway/usage";

/**
 * A stream whose formats differ on the two sides goes through chat chunks: an upstream's events
 * are read as chat chunks by a source, which a sink writes in the client's format. Sources:
 * AnthropicToChatStream, GeminiToChatStream, OpenAiChatSource. Sinks: ChatToAnthropicStream,
 * ChatToResponsesStream, ChatSseWriter.
 */

/** An upstream stream read as chat chunks. */
export interface ChatSource {
  push(ev: SseEvent): ChatChunk[];
  end(): ChatChunk[];
  readonly usage: TokenUsage | null;
  /** the error the upstream sent inside the stream */
  readonly error: { message: string } | null;
  /** the upstream marked the end of its answer (a stream that stops short of it was cut off) */
  readonly finished: boolean;
}

/** Chat chunks written in a client's format. */
export interface ChatSink {
  push(chunk: unknown): string;
  end(usage?: TokenUsage | null): string;
  /** The stream's last words after a failure, in the client's format. */
  fail(status: number, code: string, message: string): string;
}

/** An OpenAI-compatible channel's chat stream (for clients that speak another format). */
export class OpenAiChatSource implements ChatSource {
  usage: TokenUsage | null = null;
  error: { message: string } | null = null;
  /** `[DONE]` or a finish reason arrived */
  finished = false;

  push(ev: SseEvent): ChatChunk[] {
    if (ev.data.trim() === "[DONE]") {
      this.finished = true;
      return [];
    }
    let data: unknown;
    try {
      data = JSON.parse(ev.data);
    } catch {
      return [];
    }
    if (!isObject(data)) return [];
    if (data.error !== undefined && !("choices" in data)) {
      const e = isObject(data.error) ? data.error : {};
      this.error = { message: typeof e.message === "string" ? e.message : "The upstream reported an error." };
      return [];
    }
    this.usage = parseUsage(data.usage) ?? this.usage;
    if (!Array.isArray(data.choices)) return [];
    if (data.choices.some((c) => isObject(c) && typeof c.finish_reason === "string")) this.finished = true;
    return [data as ChatChunk];
  }

  end(): ChatChunk[] {
    return [];
  }
}

/** Chat chunks as OpenAI's SSE for a chat client, ending with `[DONE]`, failures in the contract's envelope. */
export class ChatSseWriter implements ChatSink {
  push(chunk: unknown): string {
    return formatSseJson(null, chunk);
  }

  end(): string {
    return formatSse(null, "[DONE]");
  }

  fail(_status: number, code: string, message: string): string {
    return formatSseJson(null, errorBody(code, message));
  }
}

const encoder = new TextEncoder();

/**
 * The core's StreamTap for a converted stream: upstream bytes → SSE events → chat chunks → the
 * client's format, as they arrive. An error the upstream sends inside the stream ends the client's
 * stream at once with the sink's failure (message sanitized), as does an upstream stream that
 * ends before its answer did; `fail` does the same for the core when the upstream breaks off.
 */
export class ConvertedStreamTap implements StreamTap {
  text = "";
  upstreamError: string | null = null;
  private readonly parser = new SseParser();
  private over = false;

  constructor(
    private readonly source: ChatSource,
    private readonly sink: ChatSink,
    private readonly secrets: string[],
  ) {}

  get usage(): TokenUsage | null {
    return this.source.usage;
  }

  push(bytes: Uint8Array): Uint8Array | null {
    return this.bytes(this.feed(this.parser.push(bytes)));
  }

  end(): Uint8Array | null {
    let out = this.feed(this.parser.end());
    if (this.over) return this.bytes(out);
    out += this.chunks(this.source.end());
    this.over = true;
    if (this.source.finished) return this.bytes(out + this.sink.end(this.source.usage));
    this.upstreamError = "The upstream stream ended before the answer was complete.";
    return this.bytes(out + this.sink.fail(502, "upstream_error", this.upstreamError));
  }

  /** The client's last event when the upstream broke off (nothing once the stream has ended). */
  fail(code: string, message: string): Uint8Array | null {
    if (this.over) return null;
    this.over = true;
    return this.bytes(this.sink.fail(code === "upstream_timeout" ? 504 : 502, code, message));
  }

  private feed(events: SseEvent[]): string {
    let out = "";
    for (const ev of events) {
      if (this.over) break;
      out += this.chunks(this.source.push(ev));
      const error = this.source.error;
      if (error) {
        this.upstreamError = sanitize(error.message, this.secrets);
        this.over = true;
        out += this.sink.fail(502, "upstream_error", this.upstreamError);
      }
    }
    return out;
  }

  private chunks(chunks: ChatChunk[]): string {
    let out = "";
    for (const chunk of chunks) {
      this.text += generatedText(chunk);
      out += this.sink.push(chunk);
    }
    return out;
  }

  private bytes(text: string): Uint8Array | null {
    return text ? encoder.encode(text) : null;
  }
}
