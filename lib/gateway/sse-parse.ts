/**
 * Server-sent events, both ways: an incremental parser for upstream streams (Anthropic, Gemini,
 * OpenAI Responses) and a writer for the events the gateway sends. The parser follows the
 * WHATWG event-stream rules (LF, CR or CRLF line ends, `:` comments, multi-line `data`, one
 * optional space after the colon, a leading BOM) and keeps only the unfinished line between
 * chunks, so it runs in time linear in its input however the bytes are split.
 */

export type SseEvent = { event: string | null; data: string };

const LINE_END = /\r\n|\r|\n/g;

/** Parses one SSE stream fed in pieces of any size; each instance holds one stream's state. */
export class SseParser {
  private readonly decoder = new TextDecoder();
  /** pieces of the line not yet ended, joined once its end arrives */
  private partial: string[] = [];
  /** the last chunk ended in CR: a LF at the start of the next one belongs to it */
  private pendingCr = false;
  private started = false;
  private eventName: string | null = null;
  private data: string[] = [];

  /** Feeds the next piece of the stream; returns the events it completed. */
  push(chunk: string | Uint8Array): SseEvent[] {
    const text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    const out: SseEvent[] = [];
    this.scan(text, out);
    return out;
  }

  /**
   * Ends the stream. An event not followed by a blank line is still delivered (upstreams that
   * close right after their last `data:` line mean it).
   */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    this.scan(this.decoder.decode(), out);
    if (this.partial.length > 0) this.line(this.takePartial(), out);
    this.dispatch(out);
    return out;
  }

  private scan(input: string, out: SseEvent[]): void {
    let text = input;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let from = 0;
    if (this.pendingCr && text.startsWith("\n")) from = 1;
    if (text.length > 0) this.pendingCr = false;
    LINE_END.lastIndex = from;
    for (let m = LINE_END.exec(text); m !== null; m = LINE_END.exec(text)) {
      this.partial.push(text.slice(from, m.index));
      this.line(this.takePartial(), out);
      from = m.index + m[0].length;
      if (m[0] === "\r" && from === text.length) this.pendingCr = true;
    }
    if (from < text.length) this.partial.push(text.slice(from));
  }

  private takePartial(): string {
    const line = this.partial.length === 1 ? this.partial[0] : this.partial.join("");
    this.partial = [];
    return line;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === "") return this.dispatch(out);
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.eventName = value;
  }

  private dispatch(out: SseEvent[]): void {
    if (this.data.length > 0) out.push({ event: this.eventName, data: this.data.join("\n") });
    this.data = [];
    this.eventName = null;
  }
}

/** One SSE event as text: an optional `event:` line, one `data:` line per line of data, a blank line. */
export function formatSse(event: string | null, data: string): string {
  const head = event === null ? "" : `event: ${event}\n`;
  return `${head}data: ${data.split(/\r\n|\r|\n/).join("\ndata: ")}\n\n`;
}

/** An SSE event whose data is `payload` as JSON. */
export function formatSseJson(event: string | null, payload: unknown): string {
  return formatSse(event, JSON.stringify(payload));
}
