/**
 * Token estimates for settling a call whose upstream reported no usage: gpt-tokenizer's o200k_base.
 * Reservations never use these (an estimate is not a bound): see bound.ts.
 *
 * A request is first reduced to the texts worth counting plus a constant (promptPieces, no
 * tokenizer); the texts are then counted. Counting is linear in the text's length: BPE merges are
 * quadratic in the length of one pre-token, so runs without whitespace are cut into short pieces
 * first (splitForCounting). The gateway counts in a worker thread (lib/server/token-counter.ts),
 * never on the event loop; the functions here count in process, for tests and the mock upstream.
 */

export type PromptEndpoint = string;

/** Estimate per image part for settlement: a 1024×1024 high-detail image on GPT-4o. */
export const IMAGE_TOKEN_ESTIMATE = 765;

const IMAGE_PART_TYPES = new Set(["image_url", "input_image", "image"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Cuts runs of 200 or more non-whitespace characters into 100-character pieces, so that counting
 * each piece costs at most a constant: the total is linear. Self-contained (no outside names), as
 * its source is also run inside the counting worker.
 */
export function splitForCounting(text: string): string[] {
  if (text.length < 200) return [text];
  const pieces: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/\S{200,}/g)) {
    const at = m.index ?? 0;
    if (at > last) pieces.push(text.slice(last, at));
    for (let i = 0; i < m[0].length; i += 100) pieces.push(m[0].slice(i, i + 100));
    last = at + m[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "";
  }
}

/** What to count of a request: its texts, and the tokens known without counting (framing, images, token arrays). */
export type PromptPieces = { texts: string[]; extra: number };

function contentPieces(content: unknown, out: PromptPieces): void {
  if (typeof content === "string") return void out.texts.push(content);
  if (!Array.isArray(content)) {
    if (content != null) out.texts.push(safeJson(content));
    return;
  }
  for (const part of content) {
    if (typeof part === "string") out.texts.push(part);
    else if (isObject(part) && typeof part.text === "string" && (part.type === "text" || part.type === "input_text")) out.texts.push(part.text);
    else if (isObject(part) && IMAGE_PART_TYPES.has(part.type as string)) out.extra += IMAGE_TOKEN_ESTIMATE;
    else out.texts.push(safeJson(part));
  }
}

function inputPieces(input: unknown, out: PromptPieces, depth = 0): void {
  if (typeof input === "string") return void out.texts.push(input);
  if (!Array.isArray(input) || depth > 2) return;
  for (const x of input) {
    if (typeof x === "number") out.extra += 1;
    else if (isObject(x)) messagePieces(x, out);
    else inputPieces(x, out, depth + 1);
  }
}

/** OpenAI's published recipe per message: 3, plus role, content and name (+1), other fields as JSON. */
function messagePieces(message: Json, out: PromptPieces): void {
  out.extra += 3;
  const { content, role, name, ...rest } = message;
  contentPieces(content, out);
  if (typeof role === "string") out.texts.push(role);
  if (typeof name === "string") {
    out.texts.push(name);
    out.extra += 1;
  }
  for (const value of Object.values(rest)) out.texts.push(typeof value === "string" ? value : safeJson(value));
}

/**
 * The texts of a request's prompt, in any of the relayed formats: messages (chat, Anthropic),
 * input (Responses, embeddings), prompt and suffix (completions), system and instructions, tool
 * definitions as JSON; 3 tokens of reply priming for conversations.
 */
export function promptPieces(body: unknown): PromptPieces {
  const out: PromptPieces = { texts: [], extra: 0 };
  if (!isObject(body)) return out;
  if (Array.isArray(body.messages)) {
    out.extra += 3;
    for (const m of body.messages) if (isObject(m)) messagePieces(m, out);
  }
  if (body.input !== undefined) inputPieces(body.input, out);
  if (body.prompt !== undefined) inputPieces(body.prompt, out);
  for (const field of ["suffix", "system", "instructions"]) {
    const v = body[field];
    if (typeof v === "string") out.texts.push(v);
    else if (v !== undefined) contentPieces(v, out);
  }
  for (const field of ["tools", "functions", "tool_choice", "response_format"]) {
    if (body[field] !== undefined) out.texts.push(safeJson(body[field]));
  }
  return out;
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

/** o200k_base token count of a text, in this thread (special-token text counted as plain text). */
export async function countTokens(text: string): Promise<number> {
  const tk = await loadTokenizer();
  return splitForCounting(text).reduce((n, piece) => n + tk.countTokens(piece, PLAIN_TEXT), 0);
}

/** Tokens of a completion's text, for settling a response whose usage the upstream omitted. */
export function countCompletionText(text: string): Promise<number> {
  return countTokens(text);
}

/** Estimated prompt tokens of a request, counted in this thread. */
export async function countPromptTokens(body: unknown): Promise<number> {
  const { texts, extra } = promptPieces(body);
  let total = extra;
  for (const t of texts) total += await countTokens(t);
  return total;
}
