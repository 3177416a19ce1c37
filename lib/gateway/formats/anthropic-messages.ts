import { promptBound } from "@/lib/billing/bound";
import { anthropicError } from "@/lib/gateway/formats/anthropic-response";
import { parseJsonObject } from "@/lib/gateway/formats/openai";
import type { ParsedRequest } from "@/lib/gateway/formats/types";
import { convert, expectArray, expectObject, expectString, isObject, optionalInt, refuse } from "@/lib/gateway/chat";
import type { Outcome } from "@/lib/gateway/types";

/**
 * The Anthropic Messages format as a client speaks it (`POST /v1/messages`): what the core reads
 * from a request. The request is converted to chat by anthropic-to-chat.ts; answers and streams
 * are written by anthropic-response.ts and anthropic-stream.ts.
 */

export type AnthropicRequestInfo = {
  model: string;
  stream: boolean;
  /** `max_tokens`; null only for count_tokens, where it is not sent */
  maxTokens: number | null;
  /** `metadata.user_id`: Claude Code's per-session id, for sticky routing */
  sessionKey: string | null;
};

/** Reads model, stream flag, max_tokens (required by `messages`) and session key from a request body. */
export function readAnthropicRequest(body: unknown, endpoint: "messages" | "count_tokens"): Outcome<AnthropicRequestInfo> {
  return convert(() => {
    const req = expectObject(body, "body");
    const model = expectString(req.model, "model");
    if (model === "") refuse("model", "'model' must not be empty.");
    expectArray(req.messages, "messages");
    const maxTokens = optionalInt(req.max_tokens, "max_tokens", 1) ?? null;
    if (endpoint === "messages" && maxTokens === null) refuse("max_tokens", "'max_tokens' is required.");
    if (req.stream !== undefined && typeof req.stream !== "boolean") refuse("stream", "'stream' must be a boolean.");
    const userId = isObject(req.metadata) ? req.metadata.user_id : undefined;
    return { model, stream: req.stream === true, maxTokens, sessionKey: typeof userId === "string" && userId !== "" ? userId : null };
  });
}

/**
 * Check 5 for `/v1/messages` (or `/v1/messages/count_tokens`): a JSON object with a model and
 * messages (and max_tokens for messages), with the reservation's inputs and the session key.
 * Anthropic streams always carry their usage, so `clientWantsUsage` is true.
 */
export function parseAnthropicRequest(
  raw: Uint8Array,
  endpoint: "messages" | "count_tokens",
): Outcome<ParsedRequest> {
  const parsed = parseJsonObject(raw);
  if (!parsed.ok) return parsed;
  const info = readAnthropicRequest(parsed.value, endpoint);
  if (!info.ok) return info;
  const bound = promptBound(raw.byteLength, parsed.value);
  if (!bound.ok) return bound;
  const { model, stream, maxTokens, sessionKey } = info.value;
  const { tokens, cacheWrites, unbounded } = bound.value;
  const unboundedBy = unbounded && "messages";
  const value = { raw, body: parsed.value, model, stream, clientWantsUsage: true, promptBound: tokens, cacheWrites, unboundedBy };
  return { ok: true, value: { ...value, maxOutput: maxTokens, outputMultiplier: 1, sessionKey } };
}

/** The Messages format as the core uses a format (see formats/types.ts `InboundFormat`; its name is new there). */
export const anthropicMessagesFormat = {
  name: "messages" as const,
  path: "/messages",
  parse: (raw: Uint8Array) => parseAnthropicRequest(raw, "messages"),
  error: anthropicError,
};
