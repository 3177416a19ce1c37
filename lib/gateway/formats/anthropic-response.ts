import type { TokenUsage } from "@/lib/billing/pricing";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { contentText, isObject, parseJson, type Json } from "@/lib/gateway/chat";
import { jsonResult, type RelayResult } from "@/lib/gateway/http";
import { parseUsage } from "@/lib/gateway/usage";

/** Anthropic's error `type` for an HTTP status (CONTRACT §5). */
function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

/** An error in Anthropic's shape: `{"type":"error","error":{"type","message"}}`. */
export function anthropicErrorBody(status: number, message: string): Json {
  return { type: "error", error: { type: anthropicErrorType(status), message } };
}

/** A contract error answered in Anthropic's shape, with the contract's status for `code` (or `opts.status`). */
export function anthropicError(
  code: ErrorCode | string,
  message: string,
  opts: { param?: string | null; status?: number; type?: string } = {},
): RelayResult {
  const status = opts.status ?? ERROR_STATUS[code as ErrorCode] ?? 500;
  return jsonResult(status, anthropicErrorBody(status, message));
}

/** A chat `finish_reason` as an Anthropic `stop_reason`. */
export function anthropicStopReason(finishReason: unknown): string {
  if (finishReason === "length") return "max_tokens";
  if (finishReason === "tool_calls" || finishReason === "function_call") return "tool_use";
  if (finishReason === "content_filter") return "refusal";
  return "end_turn";
}

/** TokenUsage as Anthropic's usage object, whose `input_tokens` leaves out cache reads and writes. */
export function toAnthropicUsage(usage: TokenUsage | null): Json {
  if (!usage) return { input_tokens: 0, output_tokens: 0 };
  const read = usage.cachedTokens ?? 0;
  const write5m = usage.cacheWriteTokens ?? 0;
  const write1h = usage.cacheWrite1hTokens ?? 0;
  const out: Json = {
    input_tokens: Math.max(0, usage.promptTokens - read - write5m - write1h),
    output_tokens: usage.completionTokens,
    cache_read_input_tokens: read,
    cache_creation_input_tokens: write5m + write1h,
  };
  if (write1h > 0) out.cache_creation = { ephemeral_5m_input_tokens: write5m, ephemeral_1h_input_tokens: write1h };
  return out;
}

/** A Messages id for a chat completion id (`msg_…`). */
export function anthropicMessageId(id: unknown): string {
  const raw = typeof id === "string" && id !== "" ? id : "gateway";
  return raw.startsWith("msg_") ? raw : `msg_${raw.replace(/^chatcmpl-/, "")}`;
}

/** Tool call arguments as a tool_use `input` object; text that is not a JSON object gives `{}`. */
function toolInput(args: unknown): Json {
  const parsed = typeof args === "string" ? parseJson(args) : undefined;
  return isObject(parsed) ? parsed : {};
}

/**
 * A chat completion as a Messages object: reasoning as a thinking block (signature kept), the
 * text, then one tool_use block per tool call. `usage` (when the core has it) replaces the
 * completion's own usage.
 */
export function chatResponseToAnthropic(chat: unknown, clientModel: string, usage?: TokenUsage | null): Json {
  const body = isObject(chat) ? chat : {};
  const choice = Array.isArray(body.choices) && isObject(body.choices[0]) ? body.choices[0] : {};
  const message = isObject(choice.message) ? choice.message : {};
  const content: Json[] = [];
  if (typeof message.reasoning_content === "string" && message.reasoning_content !== "") {
    const signature = typeof message.reasoning_signature === "string" ? message.reasoning_signature : "";
    content.push({ type: "thinking", thinking: message.reasoning_content, signature });
  }
  const text = contentText(message.content) || (typeof message.refusal === "string" ? message.refusal : "");
  if (text !== "") content.push({ type: "text", text });
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call, i) => {
      const c = isObject(call) ? call : {};
      const fn = isObject(c.function) ? c.function : {};
      const id = typeof c.id === "string" && c.id !== "" ? c.id : `toolu_${i}`;
      content.push({ type: "tool_use", id, name: typeof fn.name === "string" ? fn.name : "", input: toolInput(fn.arguments) });
    });
  }
  return {
    id: anthropicMessageId(body.id),
    type: "message",
    role: "assistant",
    model: clientModel,
    content,
    stop_reason: anthropicStopReason(choice.finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(usage ?? parseUsage(body.usage)),
  };
}
