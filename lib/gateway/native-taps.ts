// Taps for streams passed through in their own format (Anthropic client → Anthropic channel,
// Responses client → OpenAI/Azure channel): events go out as they came, except the model name a
// channel mapped (restored to the client's) and an upstream's in-stream error (its message
// sanitized). Usage and errors are read on the way.
import type { TokenUsage } from "@/lib/billing/pricing";
import { isObject, type Json } from "@/lib/gateway/chat";
import { anthropicErrorBody } from "@/lib/gateway/formats/anthropic-response";
import { AnthropicStreamWatcher } from "@/lib/gateway/formats/anthropic-usage";
import { responsesEventUsage } from "@/lib/gateway/formats/responses-response";
import type { StreamTap } from "@/lib/gateway/plan";
import { SseParser, formatSse, formatSseJson, type SseEvent } from "@/lib/gateway/sse-parse";
import { sanitize } from "@/lib/gateway/upstream";

const encoder = new TextEncoder();

abstract class EventTap implements StreamTap {
  text = "";
  upstreamError: string | null = null;
  abstract readonly usage: TokenUsage | null;
  private readonly parser = new SseParser();

  constructor(
    protected readonly clientModel: string | null,
    protected readonly secrets: string[],
  ) {}

  /** The event to send for `ev` (rewritten where needed), or "" to drop it. */
  protected abstract rewrite(ev: SseEvent, data: Json | null): string;
  /** The client's last event after the upstream broke off. */
  abstract fail(code: string, message: string): Uint8Array | null;

  push(chunk: Uint8Array): Uint8Array | null {
    return this.emit(this.parser.push(chunk));
  }

  end(): Uint8Array | null {
    return this.emit(this.parser.end());
  }

  private emit(events: SseEvent[]): Uint8Array | null {
    let out = "";
    for (const ev of events) {
      let data: Json | null = null;
      try {
        const parsed: unknown = JSON.parse(ev.data);
        data = isObject(parsed) ? parsed : null;
      } catch {
        // not JSON: passed on as it came
      }
      out += this.rewrite(ev, data);
    }
    return out ? encoder.encode(out) : null;
  }

  protected same(ev: SseEvent): string {
    return formatSse(ev.event, ev.data);
  }

  protected sanitized(message: unknown): string {
    this.upstreamError = sanitize(typeof message === "string" ? message : "The upstream reported an error.", this.secrets);
    return this.upstreamError;
  }
}

/** An Anthropic stream passed through: usage from message_start/message_delta, model restored in message_start. */
export class AnthropicNativeTap extends EventTap {
  private readonly watcher = new AnthropicStreamWatcher();

  get usage(): TokenUsage | null {
    return this.watcher.usage;
  }

  protected rewrite(ev: SseEvent, data: Json | null): string {
    if (data === null) return this.same(ev);
    this.watcher.push(ev);
    const delta = isObject(data.delta) ? data.delta : null;
    if (delta && typeof delta.text === "string") this.text += delta.text;
    if (delta && typeof delta.thinking === "string") this.text += delta.thinking;
    if (delta && typeof delta.partial_json === "string") this.text += delta.partial_json;
    if (data.type === "error") {
      const err = isObject(data.error) ? data.error : {};
      return formatSseJson("error", { type: "error", error: { type: err.type ?? "api_error", message: this.sanitized(err.message) } });
    }
    if (data.type === "message_start" && this.clientModel && isObject(data.message)) {
      return formatSseJson(ev.event, { ...data, message: { ...data.message, model: this.clientModel } });
    }
    return this.same(ev);
  }

  fail(_code: string, message: string): Uint8Array | null {
    return encoder.encode(formatSseJson("error", anthropicErrorBody(502, message)));
  }
}

/** A Responses stream passed through: usage from response.completed, model restored in the response objects. */
export class ResponsesNativeTap extends EventTap {
  usage: TokenUsage | null = null;

  protected rewrite(ev: SseEvent, data: Json | null): string {
    if (data === null) return this.same(ev);
    this.usage = responsesEventUsage(data) ?? this.usage;
    if (typeof data.delta === "string") this.text += data.delta;
    if (data.type === "error") return formatSseJson(ev.event, { ...data, message: this.sanitized(data.message) });
    if (data.type === "response.failed" && isObject(data.response) && isObject(data.response.error)) {
      const error = { ...data.response.error, message: this.sanitized(data.response.error.message) };
      return formatSseJson(ev.event, { ...data, response: { ...data.response, error, ...this.model(data.response) } });
    }
    if (this.clientModel && isObject(data.response) && typeof data.response.model === "string") {
      return formatSseJson(ev.event, { ...data, response: { ...data.response, ...this.model(data.response) } });
    }
    return this.same(ev);
  }

  private model(response: Json): Json {
    return this.clientModel && typeof response.model === "string" ? { model: this.clientModel } : {};
  }

  fail(code: string, message: string): Uint8Array | null {
    return encoder.encode(formatSseJson("error", { type: "error", code, message, param: null }));
  }
}
