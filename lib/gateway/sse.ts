import { parseUsage, generatedText, renameModel } from "@/lib/gateway/usage";
import type { TokenUsage } from "@/lib/billing/pricing";

const encoder = new TextEncoder();

/**
 * Rewrites an OpenAI-style SSE stream event by event, as bytes arrive: captures usage and the
 * generated text, drops the usage-only chunk the client did not ask for, restores a mapped model
 * name. Events it need not change are forwarded as the exact bytes received.
 */
export class SseRelay {
  usage: TokenUsage | null = null;
  text = "";
  /** an error object the upstream sent inside the stream */
  upstreamError: unknown = null;
  private buffer = "";
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly opts: { clientWantsUsage: boolean; clientModel: string | null },
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
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (!match) break;
      const event = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      out += this.rewrite(event);
    }
    if (final && this.buffer.trim()) {
      out += this.rewrite(this.buffer);
      this.buffer = "";
    }
    return out ? encoder.encode(out) : null;
  }

  private rewrite(event: string): string {
    const dataLines = event.split(/\r?\n/).filter((l) => l.startsWith("data:"));
    if (dataLines.length === 0) return `${event}\n\n`;
    const data = dataLines.map((l) => l.slice(5).replace(/^ /, "")).join("\n");
    if (data.trim() === "[DONE]") return `${event}\n\n`;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(data);
    } catch {
      return `${event}\n\n`;
    }
    if (payload && typeof payload === "object" && "error" in payload && !("choices" in payload)) {
      this.upstreamError = payload.error;
    }
    this.text += generatedText(payload);
    let changed = false;
    const usage = parseUsage(payload?.usage);
    if (usage) {
      this.usage = usage;
      if (!this.opts.clientWantsUsage) {
        const choices = payload.choices;
        if (!Array.isArray(choices) || choices.length === 0) return "";
        delete payload.usage;
        changed = true;
      }
    }
    if (this.opts.clientModel && payload.model !== this.opts.clientModel) {
      renameModel(payload, this.opts.clientModel);
      changed = true;
    }
    return changed ? `data: ${JSON.stringify(payload)}\n\n` : `${event}\n\n`;
  }
}

/** A terminal SSE error event in the contract's envelope. */
export function sseErrorEvent(body: unknown): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(body)}\n\n`);
}
