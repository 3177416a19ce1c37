/**
 * A true upper bound of the prompt tokens an upstream can bill for a request, without a tokenizer.
 *
 * Every token of every provider's tokenizer (byte-level BPE, SentencePiece with byte fallback)
 * covers at least one UTF-8 byte of text, and JSON never encodes text in fewer bytes than the
 * text itself. So the byte length of the whole request body bounds the tokens of all the text in
 * it, whatever its shape or nesting: messages, names, tool calls, tool definitions, schemas.
 * What is not text is handled apart: an image costs at most IMAGE_TOKEN_BOUND whatever its bytes
 * (its base64 payload is taken out of the byte count), audio bytes far outnumber audio tokens, and
 * documents (PDF pages become images) cannot be bounded from their bytes: a request with one is
 * flagged `unbounded`, and the reservation falls back to the model's context window.
 * Providers add hidden tokens per message and for tool use; generous constants cover those.
 *
 * The walk is iterative and linear in the body's size; a body nested deeper than MAX_DEPTH is
 * refused rather than walked.
 */
import type { CacheWrites } from "@/lib/billing/pricing";
import type { Outcome } from "@/lib/gateway/types";

/** Per message: role markers and separators (OpenAI uses 3–4 tokens, others about as many). */
export const MESSAGE_OVERHEAD_BOUND = 8;
/** Per request: reply priming and framing. */
export const REQUEST_OVERHEAD_BOUND = 64;
/** When tools are offered: the tool-use system prompt some providers add (Anthropic: up to ~350). */
export const TOOLS_OVERHEAD_BOUND = 1024;
/**
 * Per image. Providers cap what an image costs by resizing it: OpenAI about 2,500 tokens at most
 * (GPT-4.1-mini: 1,536 patches × 1.62), Anthropic about 1,600, Gemini 258 per 768-px tile of an
 * image scaled to at most 3072 px (16 tiles, 4,128 tokens). 6,000 leaves headroom over all of them.
 */
export const IMAGE_TOKEN_BOUND = 6000;
/** Deeper JSON than this is refused: nothing a model reads needs it, and it cannot be walked cheaply. */
export const MAX_DEPTH = 64;

const IMAGE_TYPES = new Set(["image_url", "input_image", "image"]);
const DOCUMENT_TYPES = new Set(["file", "input_file", "document"]);
/** Top-level fields that hold definitions rather than content. */
const DATA_FIELDS = new Set(["tools", "functions", "tool_choice", "response_format", "text", "metadata"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function utf8Length(s: string): number {
  // Exact for any string and much cheaper than encoding it.
  return Buffer.byteLength(s, "utf8");
}

/** Bytes of an image part's inline payload (base64 data URL or base64 source), to replace by the image bound. */
function imagePayloadBytes(part: Json): number {
  const url = isObject(part.image_url) ? part.image_url.url : part.image_url;
  if (typeof url === "string" && url.startsWith("data:")) return utf8Length(url);
  const source = isObject(part.source) ? part.source : null;
  if (source && typeof source.data === "string") return utf8Length(source.data);
  return 0;
}

export type PromptBound = {
  tokens: number;
  images: number;
  messages: number;
  /** the prompt-cache writes the request asks for (Anthropic's `cache_control`, its `ttl`) */
  cacheWrites: CacheWrites;
  /** what makes the bytes no bound (a document part's type), or null */
  unbounded: string | null;
};

/**
 * The bound for a request whose raw body is `rawBytes` long and parses to `body`. Refuses (400)
 * bodies nested deeper than MAX_DEPTH; flags documents as unbounded.
 */
export function promptBound(rawBytes: number, body: unknown): Outcome<PromptBound> {
  let bytes = rawBytes;
  let images = 0;
  let messages = 0;
  let cacheWrites: CacheWrites = "none";
  let unbounded: string | null = null;
  // `data` marks subtrees that are only data to the model (tool definitions, schemas): their
  // bytes count, but a `type` or `role` inside them means nothing.
  const stack: { value: unknown; depth: number; data: boolean }[] = [{ value: body, depth: 0, data: false }];
  while (stack.length) {
    const { value, depth, data } = stack.pop()!;
    if (depth > MAX_DEPTH) {
      return { ok: false, code: "invalid_request", message: `The request body is nested deeper than ${MAX_DEPTH} levels.` };
    }
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === "object" && v !== null) stack.push({ value: v, depth: depth + 1, data });
      continue;
    }
    if (!isObject(value)) continue;
    if (isObject(value.cache_control)) {
      if (value.cache_control.ttl === "1h") cacheWrites = "1h";
      else if (cacheWrites === "none") cacheWrites = "5m";
    }
    if (data) {
      for (const key in value) {
        const v = value[key];
        if (typeof v === "object" && v !== null) stack.push({ value: v, depth: depth + 1, data });
      }
      continue;
    }
    const type = typeof value.type === "string" ? value.type : null;
    if (type && DOCUMENT_TYPES.has(type)) unbounded = type;
    if (type && IMAGE_TYPES.has(type)) {
      images++;
      bytes -= imagePayloadBytes(value);
      continue;
    }
    if (typeof value.role === "string") messages++;
    for (const key in value) {
      const v = value[key];
      if (typeof v === "object" && v !== null) stack.push({ value: v, depth: depth + 1, data: depth === 0 && DATA_FIELDS.has(key) });
    }
  }
  const tools = isObject(body) && Array.isArray(body.tools) && body.tools.length > 0;
  const tokens =
    Math.max(0, bytes) +
    images * IMAGE_TOKEN_BOUND +
    messages * MESSAGE_OVERHEAD_BOUND +
    REQUEST_OVERHEAD_BOUND +
    (tools ? TOOLS_OVERHEAD_BOUND : 0);
  return { ok: true, value: { tokens, images, messages, cacheWrites, unbounded } };
}
