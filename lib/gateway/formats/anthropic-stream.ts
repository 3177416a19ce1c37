import type { TokenUsage } from "@/lib/billing/pricing";
import { isObject, type Json } from "@/lib/gateway/chat";
import { anthropicErrorBody, anthropicMessageId, anthropicStopReason, toAnthropicUsage } from "@/lib/gateway/formats/anthropic-response";
import { readChatChunk } from "@/lib/gateway/providers/openai";
import { formatSseJson } from "@/lib/gateway/sse-parse";

type BlockKind = "text" | "thinking" | "tool_use";

/**
 * Writes a chat completion stream as Anthropic's events, chunk by chunk: `message_start`, one
 * `content_block_start`/`_delta`/`_stop` run per block (thinking with `signature_delta`, text,
 * one tool_use per tool call with `input_json_delta`), then `message_delta` (stop reason and
 * usage) and `message_stop`; or an `error` event. Blocks are opened and closed in order, as
 * Anthropic does; each chat tool call index keeps its own block index.
 */
export class ChatToAnthropicStream {
  private started = false;
  private finished = false;
  private open: { kind: BlockKind; index: number } | null = null;
  private nextIndex = 0;
  /** chat tool call index → Anthropic block index */
  private readonly toolBlocks = new Map<number, number>();
  private stopReason: string | null = null;
  private chunkUsage: TokenUsage | null = null;

  /**
   * @param opts.model the model name the client asked for
   * @param opts.id the message id (`msg_…` is added when missing)
   * @param opts.inputTokens the prompt estimate shown in `message_start` (the final count comes in `message_delta`)
   */
  constructor(private readonly opts: { model: string; id: string; inputTokens?: number }) {}

  /** Converts one chat chunk (parsed JSON); returns the SSE text to send now. */
  push(chunk: unknown): string {
    if (this.finished) return "";
    let out = this.start();
    const read = readChatChunk(chunk);
    if (!read) return out;
    const { delta, text } = read;
    this.chunkUsage = read.usage ?? this.chunkUsage;
    if (typeof delta.reasoning_content === "string" && delta.reasoning_content !== "") {
      out += this.ensure("thinking") + this.delta({ type: "thinking_delta", thinking: delta.reasoning_content });
    }
    if (typeof delta.reasoning_signature === "string" && delta.reasoning_signature !== "") {
      out += this.ensure("thinking") + this.delta({ type: "signature_delta", signature: delta.reasoning_signature });
    }
    if (text !== "") out += this.ensure("text") + this.delta({ type: "text_delta", text });
    if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) out += this.toolCall(call);
    if (typeof read.finishReason === "string") this.stopReason = anthropicStopReason(read.finishReason);
    return out;
  }

  /** Closes the message: open block, `message_delta` with the stop reason and usage, `message_stop`. */
  end(usage?: TokenUsage | null): string {
    if (this.finished) return "";
    const out = this.start() + this.close();
    this.finished = true;
    const delta = { stop_reason: this.stopReason ?? "end_turn", stop_sequence: null };
    return (
      out +
      formatSseJson("message_delta", { type: "message_delta", delta, usage: toAnthropicUsage(usage ?? this.chunkUsage) }) +
      formatSseJson("message_stop", { type: "message_stop" })
    );
  }

  /**
   * Ends the stream with Anthropic's `error` event, its type from `status` (after which nothing more
   * is written). `code` is the contract's, which Anthropic's shape has no place for.
   */
  fail(status: number, _code: string, message: string): string {
    if (this.finished) return "";
    this.finished = true;
    return formatSseJson("error", anthropicErrorBody(status, message));
  }

  private start(): string {
    if (this.started) return "";
    this.started = true;
    const message = {
      id: anthropicMessageId(this.opts.id),
      type: "message",
      role: "assistant",
      model: this.opts.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: this.opts.inputTokens ?? 0, output_tokens: 0 },
    };
    return formatSseJson("message_start", { type: "message_start", message });
  }

  private toolCall(value: unknown): string {
    if (!isObject(value)) return "";
    const chatIndex = Number.isSafeInteger(value.index) ? (value.index as number) : 0;
    const fn = isObject(value.function) ? value.function : {};
    let out = "";
    let index = this.toolBlocks.get(chatIndex);
    if (index === undefined) {
      const id = typeof value.id === "string" && value.id !== "" ? value.id : `toolu_${chatIndex}`;
      const name = typeof fn.name === "string" ? fn.name : "";
      out += this.openBlock("tool_use", { type: "tool_use", id, name, input: {} });
      index = this.nextIndex - 1;
      this.toolBlocks.set(chatIndex, index);
    }
    if (typeof fn.arguments === "string" && fn.arguments !== "") {
      // A late fragment of an earlier call still goes to that call's block, which clients accumulate by index.
      out += this.deltaAt(index, { type: "input_json_delta", partial_json: fn.arguments });
    }
    return out;
  }

  private ensure(kind: "text" | "thinking"): string {
    if (this.open?.kind === kind) return "";
    return this.openBlock(kind, kind === "text" ? { type: "text", text: "" } : { type: "thinking", thinking: "", signature: "" });
  }

  private openBlock(kind: BlockKind, block: Json): string {
    const out = this.close();
    const index = this.nextIndex++;
    this.open = { kind, index };
    return out + formatSseJson("content_block_start", { type: "content_block_start", index, content_block: block });
  }

  private close(): string {
    if (!this.open) return "";
    const index = this.open.index;
    this.open = null;
    return formatSseJson("content_block_stop", { type: "content_block_stop", index });
  }

  private delta(delta: Json): string {
    return this.deltaAt(this.open!.index, delta);
  }

  private deltaAt(index: number, delta: Json): string {
    return formatSseJson("content_block_delta", { type: "content_block_delta", index, delta });
  }
}
