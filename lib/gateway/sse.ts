import { errorBody } from "@/lib/errors";
import { parseUsage, generatedText, renameModel } from "@/lib/gateway/usage";
import { sanitize } from "@/lib/gateway/upstream";
import type { TokenUsage } from "@/lib/billing/pricing";

const encoder = new TextEncoder();
/** Largest event kept whole; an upstream sending more without a separator is broken. */
const MAX_EVENT_CHARS = 16 * 1024 * 1024;

export class StreamTooLargeError extends Error {}

/**
 * Rewrites an OpenAI-style SSE stream event by event, as bytes arrive: captures usage and the
 * generated text, drops the usage-only chunk the client did not ask for, restores a mapped model
 * name, and replaces an upstream's in-stream error by a sanitized one in the contract's envelope.
 * Events it need not change are forwarded as the exact bytes received. Linear in the stream's size.
 */
export class SseRelay {
  usage: TokenUsage | null = null;
  text = "";
  /** the message of an error event the upstream sent inside the stream (sanitized) */
  upstreamError: string | null = null;
  private buffer = "";
  /** where the search for the next separator resumes (everything before it has none) */
  private scanned = 0;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly opts: { clientWantsUsage: boolean; clientModel: string | null; secrets: string[] },
  ) {}

  /** Feeds upstream bytes; returns the bytes to send to the client now. */
  push(chunk: Uint8Array): Uint8Array | null {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** Flushes whatever is left at the end of the upstream stream. */
  end(): Uint8Array | null {
    this.buffer += this.decoder.decode();
    return this.drain(true);
  }

  private drain(final: boolean): Uint8Array | null {
    let out = "";
    let start = 0;
    for (;;) {
      const at = this.separator(Math.max(start, this.scanned));
      if (!at) break;
      out += this.rewrite(this.buffer.slice(start, at.index));
      start = at.index + at.length;
    }
    this.buffer = this.buffer.slice(start);
    // A separator may straddle the boundary (\r\n\r|\n): rescan the last 3 characters next time.
    this.scanned = Math.max(0, this.buffer.length - 3);
    if (this.buffer.length > MAX_EVENT_CHARS) throw new StreamTooLargeError("an upstream stream event exceeds 16 MiB");
    if (final && this.buffer.trim()) {
      out += this.rewrite(this.buffer);
      this.buffer = "";
    }
    return out ? encoder.encode(out) : null;
  }

  /** The next blank line (\n\n, \r\n\r\n, or mixed) at or after `from`. */
  private separator(from: number): { index: number; length: number } | null {
    const b = this.buffer;
    for (let i = b.indexOf("\n", from); i !== -1; i = b.indexOf("\n", i + 1)) {
      if (b[i + 1] === "\n") return { index: i - (b[i - 1] === "\r" ? 1 : 0), length: 2 + (b[i - 1] === "\r" ? 1 : 0) };
      if (b[i + 1] === "\r" && b[i + 2] === "\n") return { index: i - (b[i - 1] === "\r" ? 1 : 0), length: 3 + (b[i - 1] === "\r" ? 1 : 0) };
    }
    return null;
  }

  private rewrite(event: string): string {
    let data = "";
    let hasData = false;
    for (const line of event.split(/\r?\n/)) {
      if (!line.startsWith("data:")) continue;
      data += (hasData ? "\n" : "") + line.slice(line[5] === " " ? 6 : 5);
      hasData = true;
    }
    if (!hasData || data.trim() === "[DONE]") return `${event}\n\n`;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(data);
    } catch {
      return `${event}\n\n`;
    }
    if (typeof payload !== "object" || payload === null) return `${event}\n\n`;
    if ("error" in payload && !("choices" in payload)) return this.error(payload.error);
    this.text += generatedText(payload);
    let changed = false;
    const usage = parseUsage(payload.usage);
    if (usage) this.usage = usage;
    if (payload.usage !== undefined && !this.opts.clientWantsUsage) {
      const choices = payload.choices;
      if (!Array.isArray(choices) || choices.length === 0) return "";
      delete payload.usage;
      changed = true;
    }
    if (this.opts.clientModel && payload.model !== this.opts.clientModel) {
      renameModel(payload, this.opts.clientModel);
      changed = true;
    }
    return changed ? `data: ${JSON.stringify(payload)}\n\n` : `${event}\n\n`;
  }

  /** An upstream's in-stream error: its message, with anything key-like removed, in our envelope. */
  private error(err: unknown): string {
    const e = typeof err === "object" && err !== null ? (err as Record<string, unknown>) : {};
    const raw = typeof e.message === "string" ? e.message : typeof err === "string" ? err : "The upstream reported an error.";
    this.upstreamError = sanitize(raw, this.opts.secrets);
    return `data: ${JSON.stringify(errorBody("upstream_error", this.upstreamError))}\n\n`;
  }
}

/** A terminal SSE error event in the contract's envelope. */
export function sseErrorEvent(body: unknown): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(body)}\n\n`);
}
