import type { TokenUsage } from "@/lib/billing/pricing";
import {
  chatChunk,
  chatUsage,
  isObject,
  usageChunk,
  type ChatChunk,
  type ChatCompletion,
  type ChatMessage,
  type ChatToolCall,
  type ChunkBase,
  type FinishReason,
} from "@/lib/gateway/chat";
import { AnthropicStreamWatcher, anthropicUsage, type AnthropicStreamError } from "@/lib/gateway/formats/anthropic-usage";
import type { SseEvent } from "@/lib/gateway/sse-parse";

/** An Anthropic `stop_reason` as a chat `finish_reason`. */
export function chatFinishReason(stopReason: unknown): FinishReason {
  if (stopReason === "max_tokens" || stopReason === "model_context_window_exceeded") return "length";
  if (stopReason === "tool_use") return "tool_calls";
  if (stopReason === "refusal") return "content_filter";
  return "stop";
}

/**
 * A Messages object as a chat completion: text blocks as the content, thinking blocks as
 * `reasoning_content` with the last block's `reasoning_signature`, tool_use blocks as tool calls
 * (ids kept), usage with cache reads as cached tokens.
 */
export function anthropicResponseToChat(msg: unknown, clientModel: string, created: number): ChatCompletion {
  const body = isObject(msg) ? msg : {};
  let text = "";
  let reasoning = "";
  let signature = "";
  const calls: ChatToolCall[] = [];
  for (const block of Array.isArray(body.content) ? body.content : []) {
    if (!isObject(block)) continue;
    if (block.type === "text" && typeof block.text === "string") text += block.text;
    if (block.type === "thinking" && typeof block.thinking === "string") {
      reasoning += block.thinking;
      if (typeof block.signature === "string") signature = block.signature;
    }
    if (block.type === "tool_use" && typeof block.id === "string" && typeof block.name === "string") {
      calls.push({ id: block.id, type: "function", function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    }
  }
  const message: ChatMessage = { role: "assistant", content: text === "" && calls.length > 0 ? null : text };
  if (reasoning !== "" || signature !== "") message.reasoning_content = reasoning;
  if (signature !== "") message.reasoning_signature = signature;
  if (calls.length > 0) message.tool_calls = calls;
  const usage = anthropicUsage(body.usage);
  return {
    id: typeof body.id === "string" ? body.id : "msg_unknown",
    object: "chat.completion",
    created,
    model: clientModel,
    choices: [{ index: 0, message, finish_reason: chatFinishReason(body.stop_reason), logprobs: null }],
    ...(usage ? { usage: chatUsage(usage) } : {}),
  };
}

/**
 * Converts an Anthropic event stream into chat chunks as events arrive: text and thinking deltas,
 * signatures, each tool_use block as one tool call with a stable index (in the order the blocks
 * start) and its `input_json_delta` fragments as arguments, the stop reason as finish_reason.
 * `ping` is ignored; an `error` event is kept in `error` for the core to end the stream with.
 */
export class AnthropicToChatStream {
  private readonly watcher = new AnthropicStreamWatcher();
  /** Anthropic block index → chat tool call index */
  private readonly tools = new Map<number, number>();
  private readonly base: ChunkBase;

  /** @param opts.includeUsage the client asked for a usage chunk (`stream_options.include_usage`) */
  constructor(private readonly opts: { model: string; id: string; created: number; includeUsage: boolean }) {
    this.base = { id: opts.id, model: opts.model, created: opts.created };
  }

  /** The usage so far; final once `finished`. */
  get usage(): TokenUsage | null {
    return this.watcher.usage;
  }

  /** The upstream's in-stream error, if it sent one. */
  get error(): AnthropicStreamError | null {
    return this.watcher.error;
  }

  /** The upstream ended the message properly (`message_stop`). */
  get finished(): boolean {
    return this.watcher.stopped;
  }

  /** Converts one upstream event; returns the chunks to send now (often none). */
  push(ev: SseEvent): ChatChunk[] {
    const data = this.watcher.push(ev);
    if (!data) return [];
    const index = Number.isSafeInteger(data.index) ? (data.index as number) : -1;
    if (data.type === "message_start") return [chatChunk(this.base, { role: "assistant", content: "" })];
    if (data.type === "message_delta" && isObject(data.delta) && typeof data.delta.stop_reason === "string") {
      return [chatChunk(this.base, {}, chatFinishReason(data.delta.stop_reason))];
    }
    if (data.type === "content_block_start" && isObject(data.content_block)) {
      const block = data.content_block;
      if (block.type === "tool_use" && typeof block.id === "string") {
        const toolIndex = this.tools.size;
        this.tools.set(index, toolIndex);
        const name = typeof block.name === "string" ? block.name : "";
        return [chatChunk(this.base, { tool_calls: [{ index: toolIndex, id: block.id, type: "function", function: { name, arguments: "" } }] })];
      }
      if (block.type === "text" && typeof block.text === "string" && block.text !== "") return [chatChunk(this.base, { content: block.text })];
      return [];
    }
    if (data.type !== "content_block_delta" || !isObject(data.delta)) return [];
    const delta = data.delta;
    if (delta.type === "text_delta" && typeof delta.text === "string") return [chatChunk(this.base, { content: delta.text })];
    if (delta.type === "thinking_delta" && typeof delta.thinking === "string") {
      return [chatChunk(this.base, { reasoning_content: delta.thinking })];
    }
    if (delta.type === "signature_delta" && typeof delta.signature === "string") {
      return [chatChunk(this.base, { reasoning_signature: delta.signature })];
    }
    const toolIndex = this.tools.get(index);
    if (delta.type === "input_json_delta" && toolIndex !== undefined && typeof delta.partial_json === "string" && delta.partial_json !== "") {
      return [chatChunk(this.base, { tool_calls: [{ index: toolIndex, function: { arguments: delta.partial_json } }] })];
    }
    return [];
  }

  /** At the end of the upstream stream: the usage chunk, when the client asked for one. */
  end(): ChatChunk[] {
    const usage = this.usage;
    return this.opts.includeUsage && usage ? [usageChunk(this.base, usage)] : [];
  }
}
