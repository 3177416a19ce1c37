import { createHash } from "node:crypto";
import { countPromptTokens, countTokens, loadTokenizer, type PromptEndpoint } from "../../lib/billing/estimate";
import { sampleArguments } from "./base";

/**
 * Deterministic OpenAI-shaped payloads. The reply is `Hello from mock: <first 40 characters of the
 * last user message or prompt>`. Token numbers are real o200k_base counts: prompt_tokens is
 * lib/billing/estimate's countPromptTokens (OpenAI's per-message recipe), completion_tokens the
 * tokens of the reply, after truncation to max_tokens / max_completion_tokens. Chat requests that
 * offer function tools (and have no tool results to read yet) get every allowed tool called at once;
 * after tool results the reply is `Hello from mock: tool results: <first 40 characters of the last
 * tool result>`. A `reasoning_effort` other than `none` reports reasoning tokens (billed as output,
 * never shown, as OpenAI's reasoning models do).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A tool call the mock model makes. */
export interface ToolCall {
  id: string;
  name: string;
  /** the arguments as a JSON string */
  arguments: string;
}

export interface Reply {
  /** the reply text; null when the model only calls tools */
  text: string | null;
  toolCalls: ToolCall[];
  /** The reply split at word boundaries: one stream chunk each. Joined they equal `text`. */
  pieces: string[];
  finishReason: "stop" | "length" | "tool_calls";
  usage: Usage;
  /** how many choices were asked for (`n`) */
  n: number;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

function firstChars(s: string, n: number): string {
  return Array.from(s).slice(0, n).join("");
}

function lastUserText(body: Json): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!isObject(m) || m.role !== "user") continue;
    if (typeof m.content === "string") return m.content;
    if (Array.isArray(m.content)) {
      return m.content.flatMap((p) => (isObject(p) && typeof p.text === "string" ? [p.text] : [])).join(" ");
    }
  }
  return "";
}

function firstPrompt(body: Json): string {
  const p = body.prompt;
  if (typeof p === "string") return p;
  if (Array.isArray(p) && typeof p[0] === "string") return p[0];
  return "";
}

function maxTokens(body: Json): number | undefined {
  const v = body.max_completion_tokens ?? body.max_tokens;
  return Number.isSafeInteger(v) && (v as number) > 0 ? (v as number) : undefined;
}

/** The tools the mock model calls: every function tool, or the one `tool_choice` names; none after tool results. */
function calledTools(body: Json, text: string, requestId: string): ToolCall[] {
  const tools = (Array.isArray(body.tools) ? body.tools.filter(isObject) : []).filter((t) => t.type === "function" && isObject(t.function));
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const last = messages.at(-1);
  const choice = body.tool_choice;
  if (tools.length === 0 || choice === "none" || (isObject(last) && last.role === "tool")) return [];
  const named = isObject(choice) && isObject(choice.function) ? String(choice.function.name) : null;
  let chosen = named ? tools.filter((t) => (t.function as Json).name === named) : tools;
  if (body.parallel_tool_calls === false) chosen = chosen.slice(0, 1);
  return chosen.map((t, i) => {
    const fn = t.function as Json;
    return { id: `call_${requestId}_${i}`, name: String(fn.name), arguments: JSON.stringify(sampleArguments(fn.parameters, text)) };
  });
}

function lastToolResult(body: Json): string | null {
  const last = Array.isArray(body.messages) ? body.messages.at(-1) : null;
  if (!isObject(last) || last.role !== "tool") return null;
  if (typeof last.content === "string") return last.content;
  return Array.isArray(last.content) ? last.content.map((p) => (isObject(p) && typeof p.text === "string" ? p.text : "")).join(" ") : "";
}

/** Reasoning tokens a request asks for: those of `Thinking about: <source>` unless reasoning is off. */
export async function reasoningTokens(effort: unknown, source: string): Promise<number> {
  if (typeof effort !== "string" || effort === "none") return 0;
  return countTokens(`Thinking about: ${firstChars(source, 40)}`);
}

/** The reply and usage for a chat or completions request. */
export async function buildReply(body: Json, endpoint: "chat" | "completions", cachedHeader: string | null, requestId = "mock"): Promise<Reply> {
  const source = endpoint === "chat" ? lastUserText(body) : firstPrompt(body);
  const toolResult = endpoint === "chat" ? lastToolResult(body) : null;
  const toolCalls = endpoint === "chat" ? calledTools(body, source, requestId) : [];
  let text = toolResult !== null ? `Hello from mock: tool results: ${firstChars(toolResult, 40)}` : `Hello from mock: ${firstChars(source, 40)}`;
  if (toolCalls.length > 0) text = "";
  const { encode, decode } = await loadTokenizer();
  let tokens = encode(text, { disallowedSpecial: new Set() });
  const limit = maxTokens(body);
  let finishReason: Reply["finishReason"] = toolCalls.length > 0 ? "tool_calls" : "stop";
  if (limit !== undefined && tokens.length > limit) {
    tokens = tokens.slice(0, limit);
    text = decode(tokens);
    finishReason = "length";
  }
  let completion = tokens.length;
  for (const call of toolCalls) completion += await countTokens(call.name + call.arguments);
  const reasoning = endpoint === "chat" ? await reasoningTokens(body.reasoning_effort, source) : 0;
  // `n` choices are billed as n times the completion, as OpenAI does.
  const n = Number.isSafeInteger(body.n) && (body.n as number) > 1 ? (body.n as number) : 1;
  const usage = await buildUsage(body, endpoint, (completion + reasoning) * n, cachedHeader, reasoning * n);
  const pieces = text.match(/\s*\S+|\s+$/g) ?? [];
  return { text: toolCalls.length > 0 ? null : text, toolCalls, pieces, finishReason, usage, n };
}

/** Usage with real prompt counts; `x-mock-cached-tokens` sets cached_tokens (capped at the prompt). */
export async function buildUsage(
  body: Json,
  endpoint: PromptEndpoint,
  completionTokens: number,
  cachedHeader: string | null,
  reasoning = 0,
): Promise<Usage> {
  const promptTokens = await countPromptTokens(body);
  const cached = Math.min(Math.max(0, Number.parseInt(cachedHeader ?? "0", 10) || 0), promptTokens);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cached },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}

/** A non-streamed chat completion. */
export function chatCompletion(id: string, model: string, reply: Reply, withUsage: boolean): Json {
  return {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: Array.from({ length: reply.n }, (_, index) => ({
      index,
      message: {
        role: "assistant",
        content: reply.text,
        refusal: null,
        ...(reply.toolCalls.length > 0
          ? { tool_calls: reply.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) }
          : {}),
      },
      logprobs: null,
      finish_reason: reply.finishReason,
    })),
    ...(withUsage ? { usage: reply.usage } : {}),
    system_fingerprint: "fp_mock",
  };
}

/** A non-streamed legacy completion. */
export function textCompletion(id: string, model: string, reply: Reply, withUsage: boolean): Json {
  return {
    id,
    object: "text_completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ text: reply.text ?? "", index: 0, logprobs: null, finish_reason: reply.finishReason }],
    ...(withUsage ? { usage: reply.usage } : {}),
  };
}

/**
 * Stream events in OpenAI's order: (chat: a role chunk), one chunk per word, a finish chunk, then a
 * usage chunk with empty choices when `includeUsage`. With include_usage every other chunk carries
 * `usage: null`, as OpenAI does.
 */
export function streamChunks(id: string, model: string, endpoint: "chat" | "completions", reply: Reply, includeUsage: boolean): Json[] {
  const created = Math.floor(Date.now() / 1000);
  const usageNull = includeUsage ? { usage: null } : {};
  const chunk = (choices: unknown[], extra: Json = usageNull): Json =>
    endpoint === "chat"
      ? { id, object: "chat.completion.chunk", created, model, system_fingerprint: "fp_mock", choices, ...extra }
      : { id, object: "text_completion", created, model, choices, ...extra };
  const choice = (content: string | null, finish: string | null): Json =>
    endpoint === "chat"
      ? { index: 0, delta: content === null ? {} : { content }, logprobs: null, finish_reason: finish }
      : { text: content ?? "", index: 0, logprobs: null, finish_reason: finish };
  const chunks: Json[] = [];
  if (endpoint === "chat") {
    chunks.push(chunk([{ index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null }]));
  }
  for (const piece of reply.pieces) chunks.push(chunk([choice(piece, null)]));
  // Tool calls as OpenAI streams them: id and name first, then the arguments in pieces.
  reply.toolCalls.forEach((call, index) => {
    const delta = (d: Json) => chunks.push(chunk([{ index: 0, delta: { tool_calls: [{ index, ...d }] }, logprobs: null, finish_reason: null }]));
    delta({ id: call.id, type: "function", function: { name: call.name, arguments: "" } });
    const half = Math.ceil(call.arguments.length / 2);
    for (const part of [call.arguments.slice(0, half), call.arguments.slice(half)]) delta({ function: { arguments: part } });
  });
  chunks.push(chunk([choice(null, reply.finishReason)]));
  if (includeUsage) chunks.push(chunk([], { usage: reply.usage }));
  return chunks;
}

function embeddingInputs(input: unknown): unknown[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === "number")) return [input];
  return Array.isArray(input) ? input : [];
}

/** A deterministic unit vector derived from the input's SHA-256. */
export function embeddingVector(input: unknown, dimensions: number): number[] {
  const seed = JSON.stringify(input) ?? "";
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}:${seed}`).digest();
    for (let i = 0; i < 32 && values.length < dimensions; i += 4) values.push(digest.readUInt32BE(i) / 2 ** 31 - 1);
  }
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => v / norm);
}

/** An embeddings response; `encoding_format: "base64"` packs little-endian float32 as the SDK expects. */
export async function embeddings(body: Json, withUsage: boolean): Promise<Json> {
  const dims = Number.isSafeInteger(body.dimensions) && (body.dimensions as number) > 0 ? Math.min(body.dimensions as number, 4096) : 16;
  const base64 = body.encoding_format === "base64";
  const data = embeddingInputs(body.input).map((item, index) => {
    const vector = embeddingVector(item, dims);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  const promptTokens = await countPromptTokens(body);
  return {
    object: "list",
    data,
    model: body.model,
    ...(withUsage ? { usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } } : {}),
  };
}
