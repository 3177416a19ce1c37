// OpenAI's own formats: chat completions, legacy completions and embeddings.
import { promptBound } from "@/lib/billing/bound";
import { ERROR_STATUS, errorBody, type ErrorCode } from "@/lib/errors";
import { jsonResult } from "@/lib/gateway/http";
import type { FormatName, InboundFormat, ParsedRequest } from "@/lib/gateway/formats/types";
import type { Outcome } from "@/lib/gateway/types";

type Json = Record<string, unknown>;

const invalid = (message: string, param: string | null = null): Outcome<never> => ({
  ok: false,
  code: "invalid_request",
  message,
  ...(param ? { param } : {}),
});

/** Parses a body as a JSON object; anything else is the contract's 400. */
export function parseJsonObject(raw: Uint8Array): Outcome<Json> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8"));
  } catch {
    return invalid("The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return invalid("The request body must be a JSON object.");
  }
  return { ok: true, value: body as Json };
}

/** A non-negative integer field, absent (null), or a 400 naming it. */
function count(body: Json, field: string, min = 0, max = Number.MAX_SAFE_INTEGER): Outcome<number | null> {
  const v = body[field];
  if (v === undefined || v === null) return { ok: true, value: null };
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    return invalid(`'${field}' must be an integer from ${min} to ${max}.`, field);
  }
  return { ok: true, value: v };
}

/** The largest of the given max-output fields the client set (upstreams differ in which they honour). */
function largest(body: Json, fields: string[]): Outcome<number | null> {
  let max: number | null = null;
  for (const f of fields) {
    const v = count(body, f);
    if (!v.ok) return v;
    if (v.value !== null) max = Math.max(max ?? 0, v.value);
  }
  return { ok: true, value: max };
}

type OpenAiFormat = "chat" | "completions" | "embeddings";

type Spec = {
  name: OpenAiFormat;
  path: string;
  required: string;
  streams: boolean;
  maxFields: string[];
  multipliers: string[];
};

const SPECS: Record<OpenAiFormat, Spec> = {
  chat: { name: "chat", path: "/chat/completions", required: "messages", streams: true, maxFields: ["max_tokens", "max_completion_tokens"], multipliers: ["n"] },
  completions: { name: "completions", path: "/completions", required: "prompt", streams: true, maxFields: ["max_tokens"], multipliers: ["n", "best_of"] },
  embeddings: { name: "embeddings", path: "/embeddings", required: "input", streams: false, maxFields: [], multipliers: [] },
};

function parseWith(spec: Spec, raw: Uint8Array): Outcome<ParsedRequest> {
  const parsed = parseJsonObject(raw);
  if (!parsed.ok) return parsed;
  const b = parsed.value;
  if (typeof b.model !== "string" || b.model.trim() === "") return invalid("you must provide a model parameter", "model");
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== "boolean") return invalid("'stream' must be a boolean.", "stream");
  if (b[spec.required] === undefined || b[spec.required] === null) {
    return invalid(`Missing required parameter: '${spec.required}'.`, spec.required);
  }
  if (spec.name === "chat" && !Array.isArray(b.messages)) return invalid("'messages' must be an array.", "messages");
  const maxOutput = largest(b, spec.maxFields);
  if (!maxOutput.ok) return maxOutput;
  let outputMultiplier = 1;
  for (const f of spec.multipliers) {
    const v = count(b, f, 1, 128);
    if (!v.ok) return v;
    outputMultiplier = Math.max(outputMultiplier, v.value ?? 1);
  }
  const bound = promptBound(raw.byteLength, b);
  if (!bound.ok) return bound;
  const opts = b.stream_options;
  return {
    ok: true,
    value: {
      raw,
      body: b,
      model: b.model,
      stream: spec.streams && b.stream === true,
      clientWantsUsage: typeof opts === "object" && opts !== null && (opts as Json).include_usage === true,
      promptBound: bound.value.tokens,
      cacheWrites: bound.value.cacheWrites,
      unboundedBy: bound.value.unbounded && spec.required,
      maxOutput: spec.maxFields.length ? maxOutput.value : 0,
      outputMultiplier,
      sessionKey: typeof b.prompt_cache_key === "string" && b.prompt_cache_key !== "" ? b.prompt_cache_key : null,
    },
  };
}

/** An error in OpenAI's envelope (CONTRACT §1). */
export function openaiError(code: ErrorCode | string, message: string, opts: { param?: string | null; status?: number; type?: string } = {}) {
  const status = opts.status ?? ERROR_STATUS[code as ErrorCode] ?? 500;
  return jsonResult(status, errorBody(code, message, opts.param ?? null, opts.type));
}

function format(name: OpenAiFormat): InboundFormat {
  const spec = SPECS[name];
  return { name, path: spec.path, parse: (raw) => parseWith(spec, raw), error: openaiError };
}

export const chatFormat = format("chat");
export const completionsFormat = format("completions");
export const embeddingsFormat = format("embeddings");

/** The max-output field the gateway sets when the client set none, so the upstream cannot exceed the reservation. */
export const MAX_OUTPUT_FIELD: Partial<Record<FormatName, string>> = {
  chat: "max_completion_tokens",
  completions: "max_tokens",
  responses: "max_output_tokens",
};
