import { promptBound } from "@/lib/billing/bound";
import { openaiError, parseJsonObject } from "@/lib/gateway/formats/openai";
import type { ParsedRequest } from "@/lib/gateway/formats/types";
import { convert, expectObject, expectString, optionalInt, refuse } from "@/lib/gateway/chat";
import type { Outcome } from "@/lib/gateway/types";

/**
 * The OpenAI Responses format as a client speaks it (`POST /v1/responses`, Codex CLI): what the
 * core reads from a request. OpenAI and Azure channels get the request as it came; for channels
 * that do not serve the Responses API (Anthropic, Gemini) responses-to-chat.ts converts it.
 * Answers and streams are written by responses-response.ts and responses-stream.ts.
 */

export type ResponsesRequestInfo = {
  model: string;
  stream: boolean;
  /** `max_output_tokens`, or null */
  maxOutputTokens: number | null;
  /** `prompt_cache_key` (Codex sends its conversation id), for sticky routing */
  sessionKey: string | null;
};

/** Reads model, stream flag, output limit and session key from a Responses request body. */
export function readResponsesRequest(body: unknown): Outcome<ResponsesRequestInfo> {
  return convert(() => {
    const req = expectObject(body, "body");
    const model = expectString(req.model, "model");
    if (model === "") refuse("model", "'model' must not be empty.");
    if (req.stream !== undefined && req.stream !== null && typeof req.stream !== "boolean") refuse("stream", "'stream' must be a boolean.");
    const key = req.prompt_cache_key;
    return {
      model,
      stream: req.stream === true,
      maxOutputTokens: optionalInt(req.max_output_tokens, "max_output_tokens", 1) ?? null,
      sessionKey: typeof key === "string" && key !== "" ? key : null,
    };
  });
}

/**
 * Check 5 for `/v1/responses`: a JSON object with a model, with the reservation's inputs and the
 * session key. Responses streams always end with their usage, so `clientWantsUsage` is true.
 * A `previous_response_id` or `conversation` brings context the bytes cannot show: the request is
 * flagged unbounded, and the reservation holds the model's context window.
 */
export function parseResponsesRequest(raw: Uint8Array): Outcome<ParsedRequest> {
  const parsed = parseJsonObject(raw);
  if (!parsed.ok) return parsed;
  const info = readResponsesRequest(parsed.value);
  if (!info.ok) return info;
  const bound = promptBound(raw.byteLength, parsed.value);
  if (!bound.ok) return bound;
  const { model, stream, maxOutputTokens, sessionKey } = info.value;
  const { tokens, cacheWrites, unbounded } = bound.value;
  // Earlier turns kept by the provider count as prompt, and the request's bytes do not show them.
  const body = parsed.value;
  const unboundedBy =
    body.previous_response_id != null ? "previous_response_id" : body.conversation != null ? "conversation" : unbounded && "input";
  const value = { raw, body, model, stream, clientWantsUsage: true, promptBound: tokens, cacheWrites, unboundedBy };
  return { ok: true, value: { ...value, maxOutput: maxOutputTokens, outputMultiplier: 1, sessionKey } };
}

/** The Responses format as the core uses a format (see formats/types.ts `InboundFormat`; its name is new there). */
export const responsesFormat = { name: "responses" as const, path: "/responses", parse: parseResponsesRequest, error: openaiError };
