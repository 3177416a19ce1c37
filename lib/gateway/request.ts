import type { Endpoint, Outcome } from "@/lib/gateway/types";

export type ParsedRequest = {
  raw: Uint8Array;
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  /** the client asked for stream usage itself (stream_options.include_usage) */
  clientWantsUsage: boolean;
};

const tooLarge = (max: number): Outcome<never> => ({
  ok: false,
  code: "request_too_large",
  message: `The request body exceeds the limit of ${max} bytes.`,
});

/** Reads the body up to `max` bytes; a larger body is refused without reading the rest. */
export async function readBody(req: Request, max: number): Promise<Outcome<Uint8Array>> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) return tooLarge(max);
  if (!req.body) return { ok: true, value: new Uint8Array() };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return tooLarge(max);
    }
    chunks.push(value);
  }
  return { ok: true, value: Buffer.concat(chunks) };
}

const invalid = (message: string, param: string | null = null): Outcome<never> => ({
  ok: false,
  code: "invalid_request",
  message,
  ...(param ? { param } : {}),
});

/** Check 5: the body is a JSON object with a `model`, and `stream` (if present) is a boolean. */
export function parseRequest(raw: Uint8Array, endpoint: Endpoint): Outcome<ParsedRequest> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    return invalid("The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return invalid("The request body must be a JSON object.");
  }
  const b = body as Record<string, unknown>;
  if (typeof b.model !== "string" || b.model.trim() === "") {
    return invalid("you must provide a model parameter", "model");
  }
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== "boolean") {
    return invalid("'stream' must be a boolean.", "stream");
  }
  const required = endpoint === "chat" ? "messages" : endpoint === "completions" ? "prompt" : "input";
  if (b[required] === undefined || b[required] === null) {
    return invalid(`Missing required parameter: '${required}'.`, required);
  }
  if (endpoint === "chat" && !Array.isArray(b.messages)) return invalid("'messages' must be an array.", "messages");
  const stream = endpoint !== "embeddings" && b.stream === true;
  const opts = b.stream_options;
  const clientWantsUsage =
    typeof opts === "object" && opts !== null && (opts as Record<string, unknown>).include_usage === true;
  return { ok: true, value: { raw, body: b, model: b.model, stream, clientWantsUsage } };
}

/** The largest output the request allows: its own max tokens, else the model's limit. */
export function requestedMaxOutput(body: Record<string, unknown>, endpoint: Endpoint, modelMax: number): number {
  if (endpoint === "embeddings") return 0;
  for (const field of ["max_completion_tokens", "max_tokens"]) {
    const v = body[field];
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
  }
  return modelMax;
}

/**
 * The bytes to send upstream: the client's own bytes when nothing changes; re-encoded only to
 * map the model name or to ask for usage in the stream's last chunk.
 */
export function upstreamBody(req: ParsedRequest, upstreamModel: string): Uint8Array {
  const injectUsage = req.stream && !req.clientWantsUsage;
  if (upstreamModel === req.model && !injectUsage) return req.raw;
  const body: Record<string, unknown> = { ...req.body, model: upstreamModel };
  if (injectUsage) {
    const opts = typeof body.stream_options === "object" && body.stream_options !== null ? body.stream_options : {};
    body.stream_options = { ...opts, include_usage: true };
  }
  return Buffer.from(JSON.stringify(body));
}
