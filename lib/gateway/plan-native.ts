// Same format on both sides: the client's bytes go upstream as they came (only the model name
// mapped, the output capped when the client left it open, a stream's usage asked for), and the
// upstream's answer comes back the same way.
import { MAX_OUTPUT_FIELD } from "@/lib/gateway/formats/openai";
import { anthropicUsage } from "@/lib/gateway/formats/anthropic-usage";
import { responsesUsage } from "@/lib/gateway/formats/responses-response";
import type { InboundFormat, ParsedRequest } from "@/lib/gateway/formats/types";
import { bytesResult, jsonResult } from "@/lib/gateway/http";
import { AnthropicNativeTap, ResponsesNativeTap } from "@/lib/gateway/native-taps";
import type { Answer, PlanOptions, StreamTap, UpstreamPlan } from "@/lib/gateway/plan";
import { anthropicHeaders, anthropicUrl } from "@/lib/gateway/providers/anthropic";
import { azureHeaders, azureUrl } from "@/lib/gateway/providers/azure";
import { openaiHeaders, openaiUrl } from "@/lib/gateway/providers/openai";
import { upstreamModelName } from "@/lib/gateway/routing";
import { SseRelay } from "@/lib/gateway/sse";
import { upstreamClientError } from "@/lib/gateway/upstream-error";
import { generatedText, parseUsage, renameModel } from "@/lib/gateway/usage";
import type { ChannelInfo, Outcome, TokenUsage } from "@/lib/gateway/types";

const JSON_TYPE = "application/json";

/** Inserts `"key":value,` right after the body's opening brace: no re-serialisation of the client's bytes. */
function insertField(raw: Uint8Array, key: string, value: unknown): Uint8Array {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  const at = text.indexOf("{") + 1;
  return Buffer.from(`${text.slice(0, at)}${JSON.stringify(key)}:${JSON.stringify(value)},${text.slice(at)}`);
}

/**
 * The upstream body: the client's own bytes unless the model is mapped, the stream's usage must be
 * asked for (OpenAI chat and completions), or the gateway must cap the output the client left open.
 */
export function upstreamBody(format: InboundFormat, req: ParsedRequest, upstreamModel: string, opts: PlanOptions): Uint8Array {
  const maxField = req.maxOutput === null ? MAX_OUTPUT_FIELD[format.name] : undefined;
  const streamOptions = req.body.stream_options;
  const injectUsage = req.stream && !req.clientWantsUsage;
  if (upstreamModel !== req.model || (injectUsage && streamOptions !== undefined && streamOptions !== null)) {
    const body: Record<string, unknown> = { ...req.body, model: upstreamModel };
    if (maxField) body[maxField] = opts.maxOutput;
    if (injectUsage) body.stream_options = { ...(typeof streamOptions === "object" && streamOptions ? streamOptions : {}), include_usage: true };
    return Buffer.from(JSON.stringify(body));
  }
  let raw = req.raw;
  if (maxField) raw = insertField(raw, maxField, opts.maxOutput);
  if (injectUsage) raw = insertField(raw, "stream_options", { include_usage: true });
  return raw;
}

type Wire = { url: string; headers: Record<string, string>; usage(payload: Record<string, unknown>): TokenUsage | null; tap(): StreamTap };

/** Where and how to send a request in its own format, and how to read the answer's usage. */
function wire(format: InboundFormat, req: ParsedRequest, channel: ChannelInfo, upstreamModel: string, opts: PlanOptions): Wire {
  const clientModel = upstreamModel !== req.model ? req.model : null;
  const secrets = [channel.apiKey];
  if (channel.type === "anthropic") {
    const client = { version: opts.clientHeaders.get("anthropic-version"), beta: opts.clientHeaders.get("anthropic-beta") };
    return {
      url: anthropicUrl(channel.baseUrl),
      headers: anthropicHeaders(channel.apiKey, client, channel.headers),
      usage: (p) => anthropicUsage(p.usage),
      tap: () => new AnthropicNativeTap(clientModel, secrets),
    };
  }
  const azure = channel.type === "azure";
  return {
    url: azure ? azureUrl(channel.baseUrl, format.path, { deployment: upstreamModel, apiVersion: channel.apiVersion }) : openaiUrl(channel.baseUrl, format.path),
    headers: azure ? azureHeaders(channel.apiKey, channel.headers) : openaiHeaders(channel.apiKey, channel.headers),
    usage: (p) => (format.name === "responses" ? responsesUsage(p.usage) : parseUsage(p.usage)),
    tap: () =>
      format.name === "responses"
        ? new ResponsesNativeTap(clientModel, secrets)
        : new SseRelay({ clientWantsUsage: req.clientWantsUsage, clientModel, secrets }),
  };
}

/** The channel speaks the client's format: bytes pass through, only the model name mapped. */
export function nativePlan(format: InboundFormat, req: ParsedRequest, channel: ChannelInfo, opts: PlanOptions): UpstreamPlan {
  const upstreamModel = upstreamModelName(channel, req.model);
  const clientModel = upstreamModel !== req.model ? req.model : null;
  const secrets = [channel.apiKey];
  const w = wire(format, req, channel, upstreamModel, opts);
  return {
    upstreamModel,
    url: w.url,
    headers: { ...w.headers, accept: req.stream ? "text/event-stream" : JSON_TYPE },
    body: upstreamBody(format, req, upstreamModel, opts),
    secrets,
    answer(bytes, contentType): Outcome<Answer> {
      let payload: unknown;
      try {
        payload = JSON.parse(bytes.toString("utf8"));
      } catch {
        return { ok: false, code: "upstream_error", message: "the upstream's answer is not JSON" };
      }
      if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
        return { ok: false, code: "upstream_error", message: "the upstream's answer is not a JSON object" };
      }
      const usage = w.usage(payload as Record<string, unknown>);
      // Without usage, the output is estimated from its text (the whole answer when it is not chat).
      const text = usage ? "" : generatedText(payload) || bytes.toString("utf8");
      if (clientModel) {
        renameModel(payload, clientModel);
        return { ok: true, value: { result: jsonResult(200, payload), usage, text } };
      }
      // The upstream's bytes go back as they came.
      const type = contentType.includes("json") ? contentType : JSON_TYPE;
      return { ok: true, value: { result: bytesResult(200, bytes, type), usage, text } };
    },
    stream: w.tap,
    clientError: (status, bytes) => upstreamClientError(format, status, bytes, secrets),
  };
}
