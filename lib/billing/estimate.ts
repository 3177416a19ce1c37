/**
 * Prompt size without and with a tokenizer. The upper bound (for reservations) needs no tokenizer:
 * every BPE token covers at least one UTF-8 byte, so byte length plus overhead bounds the tokens.
 * The counts (for settling when the upstream reported no usage) use gpt-tokenizer's o200k_base,
 * loaded on first use because its tables are large.
 */

export type PromptEndpoint = "chat" | "completions" | "embeddings";

/** Bound per chat message for role markers and separators (OpenAI uses 3–4 tokens). */
export const MESSAGE_OVERHEAD_BOUND = 8;
/** Bound per request for reply priming and framing (OpenAI uses 3 tokens). */
export const REQUEST_OVERHEAD_BOUND = 16;
/**
 * Bound per image part. The largest image cost among OpenAI's vision models today is about
 * 2,500 tokens (GPT-4.1-mini: 1,536 patches × 1.62); 3,000 leaves headroom.
 */
export const IMAGE_TOKEN_BOUND = 3000;
/** Estimate per image part for settlement: a 1024×1024 high-detail image on GPT-4o. */
export const IMAGE_TOKEN_ESTIMATE = 765;

const encoder = new TextEncoder();
const IMAGE_PART_TYPES = new Set(["image_url", "input_image", "image"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  try {
    return utf8Length(JSON.stringify(v) ?? "");
  } catch {
    return 0;
  }
}

/** Bytes of a message's content: strings as text, image parts as a fixed bound, other parts as JSON. */
function contentBound(content: unknown): number {
  if (typeof content === "string") return utf8Length(content);
  if (!Array.isArray(content)) return jsonBytes(content ?? undefined);
  let total = 0;
  for (const part of content) {
    if (typeof part === "string") total += utf8Length(part);
    else if (isObject(part) && typeof part.text === "string" && part.type === "text") total += utf8Length(part.text);
    else if (isObject(part) && IMAGE_PART_TYPES.has(part.type as string)) total += IMAGE_TOKEN_BOUND;
    else total += jsonBytes(part);
  }
  return total;
}

/** Token-or-text inputs of completions and embeddings: strings count bytes, token arrays count length. */
function inputBound(input: unknown): number {
  if (typeof input === "string") return utf8Length(input);
  if (!Array.isArray(input)) return 0;
  if (input.every((x) => typeof x === "number")) return input.length;
  return input.reduce<number>((sum, x) => sum + (typeof x === "number" ? 1 : inputBound(x)), 0);
}

/**
 * An upper bound on a request's prompt tokens without a tokenizer: UTF-8 bytes of every text
 * part, names, tool calls and definitions (as JSON), token arrays by length, plus per-message and
 * per-request overhead and IMAGE_TOKEN_BOUND per image. Never throws, whatever the body's shape.
 */
export function promptUpperBound(body: unknown, endpoint: PromptEndpoint): number {
  if (!isObject(body)) return REQUEST_OVERHEAD_BOUND;
  if (endpoint === "completions") {
    return REQUEST_OVERHEAD_BOUND + inputBound(body.prompt) + (typeof body.suffix === "string" ? utf8Length(body.suffix) : 0);
  }
  if (endpoint === "embeddings") return REQUEST_OVERHEAD_BOUND + inputBound(body.input);
  let total = REQUEST_OVERHEAD_BOUND;
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) {
      total += MESSAGE_OVERHEAD_BOUND;
      if (!isObject(message)) {
        total += jsonBytes(message);
        continue;
      }
      const { content, ...rest } = message;
      total += contentBound(content) + jsonBytes(rest);
    }
  }
  for (const field of ["tools", "functions", "tool_choice", "response_format"]) total += jsonBytes(body[field]);
  return total;
}

type Tokenizer = typeof import("gpt-tokenizer/encoding/o200k_base");
let tokenizer: Promise<Tokenizer> | undefined;
/** Special-token text such as `<|endoftext|>` in user input is counted as plain text, never rejected. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Loads o200k_base once; later calls share the same promise. */
export function loadTokenizer(): Promise<Tokenizer> {
  tokenizer ??= import("gpt-tokenizer/encoding/o200k_base");
  return tokenizer;
}

/** Exact o200k_base token count of a text (special-token text counted as plain text). */
export async function countTokens(text: string): Promise<number> {
  const tk = await loadTokenizer();
  return tk.countTokens(text, PLAIN_TEXT);
}

/** Tokens of a completion's text, for settling a response whose usage the upstream omitted. */
export function countCompletionText(text: string): Promise<number> {
  return countTokens(text);
}

function contentText(content: unknown): { text: string; images: number } {
  if (typeof content === "string") return { text: content, images: 0 };
  if (!Array.isArray(content)) return { text: content == null ? "" : safeJson(content), images: 0 };
  let text = "";
  let images = 0;
  for (const part of content) {
    if (typeof part === "string") text += part;
    else if (isObject(part) && part.type === "text" && typeof part.text === "string") text += part.text;
    else if (isObject(part) && IMAGE_PART_TYPES.has(part.type as string)) images++;
    else text += safeJson(part);
  }
  return { text, images };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "";
  }
}

/**
 * Estimated prompt tokens of a chat request, following OpenAI's published recipe: 3 per message,
 * the tokens of role, content and name (+1 for a name), 3 for reply priming; tool calls and tool
 * definitions as their JSON; IMAGE_TOKEN_ESTIMATE per image.
 */
export async function countChatPromptTokens(body: unknown): Promise<number> {
  if (!isObject(body)) return 3;
  const tk = await loadTokenizer();
  const count = (s: string) => tk.countTokens(s, PLAIN_TEXT);
  let total = 3;
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    total += 3;
    if (!isObject(message)) continue;
    const { content, role, name, ...rest } = message;
    const { text, images } = contentText(content);
    total += count(text) + images * IMAGE_TOKEN_ESTIMATE;
    if (typeof role === "string") total += count(role);
    if (typeof name === "string") total += count(name) + 1;
    for (const value of Object.values(rest)) total += count(typeof value === "string" ? value : safeJson(value));
  }
  for (const field of ["tools", "functions", "tool_choice", "response_format"]) {
    if (body[field] !== undefined) total += count(safeJson(body[field]));
  }
  return total;
}

async function countInput(input: unknown): Promise<number> {
  if (typeof input === "string") return countTokens(input);
  if (!Array.isArray(input)) return 0;
  let total = 0;
  for (const x of input) total += typeof x === "number" ? 1 : await countInput(x);
  return total;
}

/** Estimated prompt tokens of a request to any relayed endpoint. */
export async function countPromptTokens(body: unknown, endpoint: PromptEndpoint): Promise<number> {
  if (endpoint === "chat") return countChatPromptTokens(body);
  if (!isObject(body)) return 0;
  if (endpoint === "embeddings") return countInput(body.input);
  const suffix = typeof body.suffix === "string" ? await countTokens(body.suffix) : 0;
  return (await countInput(body.prompt)) + suffix;
}
