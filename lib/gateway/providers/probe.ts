import { anthropicHeaders, anthropicUrl } from "@/lib/gateway/providers/anthropic";
import { azureHeaders, azureUrl } from "@/lib/gateway/providers/azure";
import { geminiHeaders, geminiUrl } from "@/lib/gateway/providers/gemini";
import { openaiHeaders, openaiUrl } from "@/lib/gateway/providers/openai";
import type { ChannelInfo } from "@/lib/gateway/types";

/**
 * The smallest real requests that show a channel works, in its own wire format: a one-token
 * generation for the channel test button, and the provider's free model list for the background
 * probe of auto-disabled channels.
 */

export type ProbeChannel = Pick<ChannelInfo, "type" | "baseUrl" | "apiKey" | "apiVersion" | "headers" | "models" | "modelMapping">;

export type ProbeRequest = {
  method: "POST" | "GET";
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** what was sent, for the admin: the path after the base URL, and the model asked */
  shown: { method: "POST" | "GET"; path: string; model?: string };
};

/** OpenAI's reasoning models (o1, o3, o4-mini, gpt-5…), which take only `max_completion_tokens`. */
const REASONING_MODEL = /^(o\d|gpt-5)/i;

// Models that cannot answer a generation; a channel whose first model is one is tested with its model list.
const NOT_CHAT = /embed|rerank|moderation|whisper|tts|dall-e|imagen/i;

/** What the model list needs of a channel. */
type ListChannel = Pick<ChannelInfo, "type" | "baseUrl" | "apiKey" | "apiVersion" | "headers">;

function headersFor(channel: ListChannel): Record<string, string> {
  const extra = channel.headers ?? {};
  if (channel.type === "anthropic") return anthropicHeaders(channel.apiKey, {}, extra);
  if (channel.type === "gemini") return geminiHeaders(channel.apiKey, extra);
  if (channel.type === "azure") return azureHeaders(channel.apiKey, extra);
  return openaiHeaders(channel.apiKey, extra);
}

function pathAfter(base: string, url: string): string {
  const root = base.replace(/\/+$/, "");
  return url.startsWith(root) ? url.slice(root.length) || "/" : new URL(url).pathname;
}

/** The model list: `GET {base}/models` (Anthropic's and Gemini's too); Azure's at its own URL. */
export function listModelsRequest(channel: ListChannel): ProbeRequest {
  const base = channel.baseUrl.replace(/\/+$/, "");
  let url = `${base}/models`;
  if (channel.type === "azure") {
    const root = base.replace(/\/openai(\/v1)?$/, "");
    url = channel.apiVersion ? `${root}/openai/models?api-version=${encodeURIComponent(channel.apiVersion)}` : `${root}/openai/v1/models`;
  }
  const { "content-type": _json, ...headers } = headersFor(channel);
  return { method: "GET", url, headers: { ...headers, accept: "application/json" }, shown: { method: "GET", path: pathAfter(base, url) } };
}

/**
 * A one-token generation from the channel's first model (after its model mapping) in the channel's
 * format, or the model list when that model does not generate text (or the channel has none).
 */
export function testRequest(channel: ProbeChannel): ProbeRequest {
  const first = channel.models[0];
  const model = first === undefined ? undefined : (channel.modelMapping[first] ?? first);
  if (model === undefined || NOT_CHAT.test(model)) return listModelsRequest(channel);
  const ping = [{ role: "user", content: "ping" }];
  let url: string;
  let body: Record<string, unknown>;
  if (channel.type === "anthropic") {
    url = anthropicUrl(channel.baseUrl);
    body = { model, max_tokens: 1, messages: ping };
  } else if (channel.type === "gemini") {
    url = geminiUrl(channel.baseUrl, model, false);
    body = { contents: [{ role: "user", parts: [{ text: "ping" }] }], generationConfig: { maxOutputTokens: 1 } };
  } else {
    url =
      channel.type === "azure"
        ? azureUrl(channel.baseUrl, "/chat/completions", { deployment: model, apiVersion: channel.apiVersion })
        : openaiUrl(channel.baseUrl, "/chat/completions");
    // OpenAI's reasoning models refuse `max_tokens`; other OpenAI-compatible servers may not know its
    // successor. Azure serves only OpenAI's models, and its deployment names hide which: the successor.
    const field = channel.type === "azure" || REASONING_MODEL.test(model) ? "max_completion_tokens" : "max_tokens";
    body = { model, messages: ping, [field]: 1, stream: false };
  }
  const base = channel.type === "azure" ? channel.baseUrl.replace(/\/+$/, "").replace(/\/openai(\/v1)?$/, "") : channel.baseUrl;
  return {
    method: "POST",
    url,
    headers: { ...headersFor(channel), accept: "application/json" },
    body: JSON.stringify(body),
    shown: { method: "POST", path: pathAfter(base, url), model },
  };
}
