// How one attempt talks to one channel: the upstream request, and how the upstream's answer
// becomes the client's. The core drives the I/O; a plan only builds and converts.
import { MAX_OUTPUT_FIELD } from "@/lib/gateway/formats/openai";
import type { InboundFormat, ParsedRequest } from "@/lib/gateway/formats/types";
import { bytesResult, jsonResult, type RelayResult } from "@/lib/gateway/http";
import { upstreamModelName } from "@/lib/gateway/routing";
import { SseRelay } from "@/lib/gateway/sse";
import { sanitize } from "@/lib/gateway/upstream";
import { generatedText, parseUsage, renameModel } from "@/lib/gateway/usage";
import type { ChannelInfo, Outcome, TokenUsage } from "@/lib/gateway/types";

/** Rewrites a streamed answer chunk by chunk and reports what it saw. */
export interface StreamTap {
  push(chunk: Uint8Array): Uint8Array | null;
  end(): Uint8Array | null;
  readonly usage: TokenUsage | null;
  /** set when the upstream reported an error inside the stream (sanitized message) */
  readonly upstreamError: string | null;
  /** the generated text so far, for an estimate when the upstream reports no usage */
  readonly text: string;
}

export type Answer = { result: RelayResult; usage: TokenUsage | null; text: string };

export type UpstreamPlan = {
  upstreamModel: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The client's answer from the upstream's complete 2xx body; a failure means the upstream answered nonsense. */
  answer(bytes: Buffer, contentType: string): Outcome<Answer>;
  stream(): StreamTap;
  /** The client's error from an upstream's final 4xx answer, and its code for the usage record. */
  clientError(status: number, bytes: Buffer): { result: RelayResult; code: string; message: string };
  /** what must never reach a client or a log */
  secrets: string[];
};

export type PlanOptions = {
  /** the max-output to set when the client set none (the reservation's output bound per choice) */
  maxOutput: number;
};

const JSON_TYPE = "application/json";

/** Inserts `"key":value,` right after the body's opening brace: no re-serialisation of the client's bytes. */
function insertField(raw: Uint8Array, key: string, value: unknown): Uint8Array {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  const at = text.indexOf("{") + 1;
  return Buffer.from(`${text.slice(0, at)}${JSON.stringify(key)}:${JSON.stringify(value)},${text.slice(at)}`);
}

/**
 * The upstream body: the client's own bytes unless the model is mapped, the stream's usage must be
 * asked for, or the gateway must cap the output the client left open.
 */
export function upstreamBody(format: InboundFormat, req: ParsedRequest, upstreamModel: string, opts: PlanOptions): Uint8Array {
  const maxField = req.maxOutput === null ? MAX_OUTPUT_FIELD[format.name] : undefined;
  const opts0 = req.body.stream_options;
  const injectUsage = req.stream && !req.clientWantsUsage;
  if (upstreamModel !== req.model || (injectUsage && opts0 !== undefined && opts0 !== null)) {
    const body: Record<string, unknown> = { ...req.body, model: upstreamModel };
    if (maxField) body[maxField] = opts.maxOutput;
    if (injectUsage) body.stream_options = { ...(typeof opts0 === "object" && opts0 ? opts0 : {}), include_usage: true };
    return Buffer.from(JSON.stringify(body));
  }
  let raw = req.raw;
  if (maxField) raw = insertField(raw, maxField, opts.maxOutput);
  if (injectUsage) raw = insertField(raw, "stream_options", { include_usage: true });
  return raw;
}

/** OpenAI-compatible channel, OpenAI format in: bytes pass through, only the model name mapped. */
export function openaiPlan(format: InboundFormat, req: ParsedRequest, channel: ChannelInfo, opts: PlanOptions): UpstreamPlan {
  const upstreamModel = upstreamModelName(channel, req.model);
  const clientModel = upstreamModel !== req.model ? req.model : null;
  const secrets = [channel.apiKey];
  return {
    upstreamModel,
    url: `${channel.baseUrl.replace(/\/+$/, "")}${format.path}`,
    headers: {
      "content-type": JSON_TYPE,
      accept: req.stream ? "text/event-stream" : JSON_TYPE,
      authorization: `Bearer ${channel.apiKey}`,
    },
    body: upstreamBody(format, req, upstreamModel, opts),
    secrets,
    answer(bytes, contentType) {
      let payload: unknown;
      try {
        payload = JSON.parse(bytes.toString("utf8"));
      } catch {
        return { ok: false, code: "upstream_error", message: "the upstream's answer is not JSON" };
      }
      if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
        return { ok: false, code: "upstream_error", message: "the upstream's answer is not a JSON object" };
      }
      const usage = parseUsage((payload as Record<string, unknown>).usage);
      const text = usage ? "" : generatedText(payload);
      if (clientModel) {
        renameModel(payload, clientModel);
        return { ok: true, value: { result: jsonResult(200, payload), usage, text } };
      }
      // The upstream's bytes go back as they came.
      const type = contentType.includes("json") ? contentType : JSON_TYPE;
      return { ok: true, value: { result: bytesResult(200, bytes, type), usage, text } };
    },
    stream: () => new SseRelay({ clientWantsUsage: req.clientWantsUsage, clientModel, secrets }),
    clientError: (status, bytes) => upstreamClientError(format, status, bytes, secrets),
  };
}

/** An upstream 4xx in the client's format: its status and message, stripped of anything key-like. */
export function upstreamClientError(
  format: InboundFormat,
  status: number,
  bytes: Buffer,
  secrets: string[],
): { result: RelayResult; code: string; message: string } {
  let message = `The upstream provider rejected the request (HTTP ${status}).`;
  let code = status === 400 ? "invalid_request" : "upstream_error";
  let type: string | undefined;
  let param: string | null = null;
  const text = bytes.toString("utf8");
  try {
    const e = (JSON.parse(text) as { error?: Record<string, unknown> }).error;
    if (e && typeof e.message === "string") message = e.message;
    if (e && typeof e.code === "string") code = e.code;
    if (e && typeof e.type === "string") type = e.type;
    if (e && typeof e.param === "string") param = e.param;
  } catch {
    if (text.trim()) message = text.trim();
  }
  const safeCode = sanitize(code, secrets).slice(0, 100);
  const safeMessage = sanitize(message, secrets);
  const result = format.error(safeCode, safeMessage, {
    status,
    param: param === null ? null : sanitize(param, secrets),
    type: type === undefined ? undefined : sanitize(type, secrets),
  });
  return { result, code: safeCode, message: safeMessage };
}
