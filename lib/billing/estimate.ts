/**
 * Token estimates for settling a call whose upstream reported no usage: gpt-tokenizer's o200k_base,
 * loaded on first use because its tables are large. Reservations never use these (an estimate is
 * not a bound): see bound.ts.
 */

export type PromptEndpoint = "chat" | "completions" | "embeddings";

/** Estimate per image part for settlement: a 1024×1024 high-detail image on GPT-4o. */
export const IMAGE_TOKEN_ESTIMATE = 765;

const IMAGE_PART_TYPES = new Set(["image_url", "input_image", "image"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

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
