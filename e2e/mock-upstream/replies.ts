import { createHash } from "node:crypto";
import { countPromptTokens, loadTokenizer, type PromptEndpoint } from "../../lib/billing/estimate";

/**
 * Deterministic OpenAI-shaped payloads. The reply is `Hello from mock: <first 40 characters of the
 * last user message or prompt>`. Token numbers are real o200k_base counts: prompt_tokens is
 * lib/billing/estimate's countPromptTokens (OpenAI's per-message recipe), completion_tokens the
 * tokens of the reply, after truncation to max_tokens / max_completion_tokens.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Reply {
  text: string;
  /** The reply split at word boundaries: one stream chunk each. Joined they equal `text`. */
  pieces: string[];
  finishReason: "stop" | "length";
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
      return m.content.map((p) => (isObject(p) && typeof p.text === "string" ? p.text : "")).join(" ");
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

/** The reply and usage for a chat or completions request. */
export async function buildReply(body: Json, endpoint: "chat" | "completions", cachedHeader: string | null): Promise<Reply> {
  const source = endpoint === "chat" ? lastUserText(body) : firstPrompt(body);
  let text = `Hello from mock: ${firstChars(source, 40)}`;
  const { encode, decode } = await loadTokenizer();
  let tokens = encode(text, { disallowedSpecial: new Set() });
  const limit = maxTokens(body);
  let finishReason: Reply["finishReason"] = "stop";
  if (limit !== undefined && tokens.length > limit) {
    tokens = tokens.slice(0, limit);
    text = decode(tokens);
    finishReason = "length";
  }
  // `n` choices are billed as n times the completion, as OpenAI does.
  const n = Number.isSafeInteger(body.n) && (body.n as number) > 1 ? (body.n as number) : 1;
  const usage = await buildUsage(body, endpoint, tokens.length * n, cachedHeader);
  return { text, pieces: text.match(/\s*\S+|\s+$/g) ?? [], finishReason, usage, n };
}

/** Usage with real prompt counts; `x-mock-cached-tokens` sets cached_tokens (capped at the prompt). */
export async function buildUsage(
  body: Json,
  endpoint: PromptEndpoint,
  completionTokens: number,
  cachedHeader: string | null,
): Promise<Usage> {
  const promptTokens = await countPromptTokens(body);
  const cached = Math.min(Math.max(0, Number.parseInt(cachedHeader ?? "0", 10) || 0), promptTokens);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cached },
    completion_tokens_details: { reasoning_tokens: 0 },
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
      message: { role: "assistant", content: reply.text, refusal: null },
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
    choices: [{ text: reply.text, index: 0, logprobs: null, finish_reason: reply.finishReason }],
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
