import type { TokenUsage } from "@/lib/billing/pricing";
import { contentText, isObject, type Json } from "@/lib/gateway/chat";
import { parseUsage } from "@/lib/gateway/usage";
import { tokenCount, tokenUsage } from "@/lib/gateway/token-counts";

/** What every Response object of one call shares. */
export type ResponsesContext = {
  /** the model name the client asked for */
  model: string;
  /** the gateway's request id: item ids derive from it */
  requestId: string;
  /** epoch seconds */
  createdAt: number;
  /** the client's request, whose settings a Response echoes (instructions, tools, …) */
  request?: Json;
};

/**
 * The Responses API's `usage` object as TokenUsage (`input_tokens` includes cached tokens,
 * `output_tokens` reasoning tokens), or null when absent or not made of valid counts.
 */
export function responsesUsage(usage: unknown): TokenUsage | null {
  if (!isObject(usage)) return null;
  const input = isObject(usage.input_tokens_details) ? usage.input_tokens_details : {};
  const output = isObject(usage.output_tokens_details) ? usage.output_tokens_details : {};
  return tokenUsage({
    prompt: tokenCount(usage.input_tokens),
    completion: tokenCount(usage.output_tokens),
    cached: tokenCount(input.cached_tokens),
    reasoning: tokenCount(output.reasoning_tokens),
  });
}

/**
 * The usage in one event of a Responses stream: `response.completed` (or `.incomplete`,
 * `.failed`) carries the response with its usage; other events carry none.
 */
export function responsesEventUsage(event: unknown): TokenUsage | null {
  if (!isObject(event) || !isObject(event.response)) return null;
  if (event.type !== "response.completed" && event.type !== "response.incomplete" && event.type !== "response.failed") return null;
  return responsesUsage(event.response.usage);
}

/** TokenUsage as the Responses API's `usage` object. */
function toResponsesUsage(usage: TokenUsage): Json {
  return {
    input_tokens: usage.promptTokens,
    input_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
    output_tokens: usage.completionTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}

const ECHOED = [
  "instructions",
  "max_output_tokens",
  "metadata",
  "parallel_tool_calls",
  "prompt_cache_key",
  "reasoning",
  "store",
  "temperature",
  "text",
  "tool_choice",
  "tools",
  "top_p",
  "user",
];

/** A Response object in the given state, echoing the request's settings as OpenAI does. */
export function responseObject(
  ctx: ResponsesContext,
  state: { status: string; output: Json[]; usage?: TokenUsage | null; finish?: unknown; error?: Json },
): Json {
  const echoed = Object.fromEntries(ECHOED.filter((k) => ctx.request?.[k] !== undefined).map((k) => [k, ctx.request![k]]));
  const incomplete = state.finish === "length" ? "max_output_tokens" : state.finish === "content_filter" ? "content_filter" : null;
  return {
    id: `resp_${ctx.requestId}`,
    object: "response",
    created_at: ctx.createdAt,
    status: state.status,
    error: state.error ?? null,
    incomplete_details: incomplete && state.status === "incomplete" ? { reason: incomplete } : null,
    instructions: null,
    model: ctx.model,
    output: state.output,
    parallel_tool_calls: true,
    temperature: null,
    tool_choice: "auto",
    tools: [],
    top_p: null,
    ...echoed,
    usage: state.usage ? toResponsesUsage(state.usage) : null,
  };
}

/** The final status for a chat finish_reason: cut short by the length limit or a filter is `incomplete`. */
export function finalStatus(finishReason: unknown): "completed" | "incomplete" {
  return finishReason === "length" || finishReason === "content_filter" ? "incomplete" : "completed";
}

/** A reasoning output item with one summary part; the signature travels as `encrypted_content` so it comes back next turn. */
export function reasoningItem(id: string, text: string, signature: string | null): Json {
  const item: Json = { id, type: "reasoning", summary: [{ type: "summary_text", text }] };
  if (signature) item.encrypted_content = signature;
  return item;
}

/** A completed assistant message output item. */
export function messageItem(id: string, text: string, status = "completed"): Json {
  return { id, type: "message", status, role: "assistant", content: [{ type: "output_text", text, annotations: [], logprobs: [] }] };
}

/** A function call output item. */
export function functionCallItem(id: string, callId: string, name: string, args: string, status = "completed"): Json {
  return { id, type: "function_call", status, arguments: args, call_id: callId, name };
}

/**
 * A chat completion as a Response: reasoning (with its signature as encrypted_content), the
 * message, then one function_call item per tool call, with usage; `usage` (when the core has it)
 * replaces the completion's own.
 */
export function chatResponseToResponses(chat: unknown, ctx: ResponsesContext, usage?: TokenUsage | null): Json {
  const body = isObject(chat) ? chat : {};
  const choice = Array.isArray(body.choices) && isObject(body.choices[0]) ? body.choices[0] : {};
  const message = isObject(choice.message) ? choice.message : {};
  const output: Json[] = [];
  const reasoning = typeof message.reasoning_content === "string" ? message.reasoning_content : "";
  const signature = typeof message.reasoning_signature === "string" ? message.reasoning_signature : null;
  const itemId = (prefix: string) => `${prefix}_${ctx.requestId}_${output.length}`;
  if (reasoning !== "" || signature) output.push(reasoningItem(itemId("rs"), reasoning, signature));
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isObject) : [];
  const text = contentText(message.content) || (typeof message.refusal === "string" ? message.refusal : "");
  if (text !== "" || calls.length === 0) output.push(messageItem(itemId("msg"), text));
  calls.forEach((call, i) => {
    const fn = isObject(call.function) ? call.function : {};
    const callId = typeof call.id === "string" ? call.id : `call_${ctx.requestId}_${i}`;
    const args = typeof fn.arguments === "string" ? fn.arguments : "";
    output.push(functionCallItem(itemId("fc"), callId, typeof fn.name === "string" ? fn.name : "", args));
  });
  const status = finalStatus(choice.finish_reason);
  return responseObject(ctx, { status, output, usage: usage ?? parseUsage(body.usage), finish: choice.finish_reason });
}
