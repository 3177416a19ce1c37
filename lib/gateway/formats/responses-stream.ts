import type { TokenUsage } from "@/lib/billing/pricing";
import { isObject, type Json } from "@/lib/gateway/chat";
import {
  finalStatus,
  functionCallItem,
  messageItem,
  reasoningItem,
  responseObject,
  type ResponsesContext,
} from "@/lib/gateway/formats/responses-response";
import { readChatChunk } from "@/lib/gateway/providers/openai";
import { formatSseJson } from "@/lib/gateway/sse-parse";

type Slot = { index: number; id: string };
type Reasoning = Slot & { kind: "reasoning"; text: string; signature: string | null };
type Message = Slot & { kind: "message"; text: string };
type Call = Slot & { kind: "function_call"; callId: string; name: string; args: string };
type Item = Reasoning | Message | Call;

/**
 * Writes a chat completion stream as the Responses API's events, chunk by chunk:
 * `response.created`, `response.in_progress`, then per output item `response.output_item.added`,
 * its deltas and `.done` events (reasoning summary text, output text in one content part,
 * function call arguments), and `response.completed` (or `.incomplete`) with usage. Every event
 * has `type` and `sequence_number`. Parallel function calls stay open together, so fragments
 * of each reach their own item.
 */
export class ChatToResponsesStream {
  private seq = 0;
  private started = false;
  private finished = false;
  private readonly items: Item[] = [];
  private open: Item[] = [];
  /** chat tool call index → item */
  private readonly calls = new Map<number, Call>();
  private finish: unknown = null;
  private chunkUsage: TokenUsage | null = null;

  constructor(private readonly ctx: ResponsesContext) {}

  /** Converts one chat chunk (parsed JSON); returns the SSE text to send now. */
  push(chunk: unknown): string {
    if (this.finished) return "";
    let out = this.start();
    const read = readChatChunk(chunk);
    if (!read) return out;
    const { delta, text } = read;
    this.chunkUsage = read.usage ?? this.chunkUsage;
    if (typeof delta.reasoning_content === "string" && delta.reasoning_content !== "") {
      const { item, out: opened } = this.reasoning();
      item.text += delta.reasoning_content;
      out += opened + this.event("response.reasoning_summary_text.delta", { ...this.at(item), summary_index: 0, delta: delta.reasoning_content });
    }
    if (typeof delta.reasoning_signature === "string" && delta.reasoning_signature !== "") {
      const { item, out: opened } = this.reasoning();
      item.signature = delta.reasoning_signature;
      out += opened;
    }
    if (text !== "") {
      const { item, out: opened } = this.message();
      item.text += text;
      out += opened + this.event("response.output_text.delta", { ...this.at(item), content_index: 0, delta: text, logprobs: [] });
    }
    if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) out += this.toolCall(call);
    if (typeof read.finishReason === "string") this.finish = read.finishReason;
    return out;
  }

  /** Closes every item and writes `response.completed` (or `response.incomplete`) with the usage. */
  end(usage?: TokenUsage | null): string {
    if (this.finished) return "";
    const out = this.start() + this.closeAll();
    this.finished = true;
    const status = finalStatus(this.finish);
    const response = responseObject(this.ctx, { status, output: this.output(), usage: usage ?? this.chunkUsage, finish: this.finish });
    return out + this.event(status === "completed" ? "response.completed" : "response.incomplete", { response });
  }

  /**
   * Ends the stream with an `error` event and `response.failed` carrying the contract's `code`
   * (after which nothing more is written); `status` has no place in the Responses shape.
   */
  fail(_status: number, code: string, message: string): string {
    if (this.finished) return "";
    const out = this.start();
    this.finished = true;
    const error = { code, message };
    const response = responseObject(this.ctx, { status: "failed", output: this.output(), usage: this.chunkUsage, error });
    return (
      out +
      this.event("error", { code, message, param: null, error: { type: code, ...error } }) +
      this.event("response.failed", { response })
    );
  }

  private start(): string {
    if (this.started) return "";
    this.started = true;
    const response = responseObject(this.ctx, { status: "in_progress", output: [] });
    return this.event("response.created", { response }) + this.event("response.in_progress", { response });
  }

  private event(type: string, fields: Json): string {
    return formatSseJson(type, { type, sequence_number: this.seq++, ...fields });
  }

  private at(item: Item): Json {
    return { item_id: item.id, output_index: item.index };
  }

  /** The next output slot: its index and an id with the item type's prefix. */
  private slot(prefix: string): Slot {
    const index = this.items.length;
    return { index, id: `${prefix}_${this.ctx.requestId}_${index}` };
  }

  /** Registers a new open item and announces it. */
  private add(item: Item, announced: Json): string {
    this.items.push(item);
    this.open.push(item);
    return this.event("response.output_item.added", { output_index: item.index, item: announced });
  }

  /** The open reasoning item, opened (after closing the others) when there is none. */
  private reasoning(): { item: Reasoning; out: string } {
    const found = this.open.find((i): i is Reasoning => i.kind === "reasoning");
    if (found) return { item: found, out: "" };
    const out = this.closeAll();
    const item: Reasoning = { kind: "reasoning", ...this.slot("rs"), text: "", signature: null };
    const part = { type: "summary_text", text: "" };
    return {
      item,
      out:
        out +
        this.add(item, { id: item.id, type: "reasoning", summary: [] }) +
        this.event("response.reasoning_summary_part.added", { ...this.at(item), summary_index: 0, part }),
    };
  }

  /** The open message item, opened (after closing the others) when there is none. */
  private message(): { item: Message; out: string } {
    const found = this.open.find((i): i is Message => i.kind === "message");
    if (found) return { item: found, out: "" };
    const out = this.closeAll();
    const item: Message = { kind: "message", ...this.slot("msg"), text: "" };
    const part = { type: "output_text", text: "", annotations: [], logprobs: [] };
    return {
      item,
      out:
        out +
        this.add(item, { ...messageItem(item.id, "", "in_progress"), content: [] }) +
        this.event("response.content_part.added", { ...this.at(item), content_index: 0, part }),
    };
  }

  private toolCall(value: unknown): string {
    if (!isObject(value)) return "";
    const chatIndex = Number.isSafeInteger(value.index) ? (value.index as number) : 0;
    const fn = isObject(value.function) ? value.function : {};
    let out = "";
    let item = this.calls.get(chatIndex);
    if (!item) {
      if (this.open.some((i) => i.kind !== "function_call")) out += this.closeAll();
      const callId = typeof value.id === "string" && value.id !== "" ? value.id : `call_${this.ctx.requestId}_${chatIndex}`;
      const name = typeof fn.name === "string" ? fn.name : "";
      item = { kind: "function_call", ...this.slot("fc"), callId, name, args: "" };
      this.calls.set(chatIndex, item);
      out += this.add(item, functionCallItem(item.id, callId, name, "", "in_progress"));
    }
    if (typeof fn.arguments === "string" && fn.arguments !== "") {
      item.args += fn.arguments;
      out += this.event("response.function_call_arguments.delta", { ...this.at(item), delta: fn.arguments });
    }
    return out;
  }

  private closeAll(): string {
    let out = "";
    for (const item of this.open) {
      const at = this.at(item);
      if (item.kind === "reasoning") {
        out += this.event("response.reasoning_summary_text.done", { ...at, summary_index: 0, text: item.text });
        out += this.event("response.reasoning_summary_part.done", { ...at, summary_index: 0, part: { type: "summary_text", text: item.text } });
      } else if (item.kind === "message") {
        out += this.event("response.output_text.done", { ...at, content_index: 0, text: item.text, logprobs: [] });
        const part = { type: "output_text", text: item.text, annotations: [], logprobs: [] };
        out += this.event("response.content_part.done", { ...at, content_index: 0, part });
      } else {
        out += this.event("response.function_call_arguments.done", { ...at, name: item.name, arguments: item.args });
      }
      out += this.event("response.output_item.done", { output_index: item.index, item: this.done(item) });
    }
    this.open = [];
    return out;
  }

  private done(item: Item): Json {
    if (item.kind === "reasoning") return reasoningItem(item.id, item.text, item.signature);
    if (item.kind === "message") return messageItem(item.id, item.text);
    return functionCallItem(item.id, item.callId, item.name, item.args);
  }

  private output(): Json[] {
    return this.items.map((item) => this.done(item));
  }
}
