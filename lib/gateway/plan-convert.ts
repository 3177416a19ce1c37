// Different formats on the two sides: the request goes through chat completions (the one internal
// form) into the channel's format, and the answer comes back the same way. 5 formats × 4 channel
// types need one converter per format and one per channel type, not one per pair.
import type { TokenUsage } from "@/lib/billing/pricing";
import { isObject, type ChatRequest, type Json } from "@/lib/gateway/chat";
import { ChatSseWriter, ConvertedStreamTap, OpenAiChatSource, type ChatSink, type ChatSource } from "@/lib/gateway/convert-stream";
import { chatResponseToAnthropic } from "@/lib/gateway/formats/anthropic-response";
import { ChatToAnthropicStream } from "@/lib/gateway/formats/anthropic-stream";
import { anthropicRequestToChat } from "@/lib/gateway/formats/anthropic-to-chat";
import { chatResponseToResponses } from "@/lib/gateway/formats/responses-response";
import { ChatToResponsesStream } from "@/lib/gateway/formats/responses-stream";
import { responsesRequestToChat } from "@/lib/gateway/formats/responses-to-chat";
import type { InboundFormat, ParsedRequest } from "@/lib/gateway/formats/types";
import { jsonResult } from "@/lib/gateway/http";
import type { Answer, PlanOptions, UpstreamPlan } from "@/lib/gateway/plan";
import { anthropicHeaders, anthropicUrl, chatRequestToAnthropic } from "@/lib/gateway/providers/anthropic";
import { AnthropicToChatStream, anthropicResponseToChat } from "@/lib/gateway/providers/anthropic-response";
import { azureHeaders, azureUrl } from "@/lib/gateway/providers/azure";
import { chatRequestToGemini, geminiHeaders, geminiUrl } from "@/lib/gateway/providers/gemini";
import { GeminiToChatStream, geminiResponseToChat, geminiUsage } from "@/lib/gateway/providers/gemini-response";
import { openaiHeaders, openaiUrl, toOpenaiChatRequest } from "@/lib/gateway/providers/openai";
import { anthropicUsage } from "@/lib/gateway/formats/anthropic-usage";
import { upstreamModelName } from "@/lib/gateway/routing";
import { upstreamClientError } from "@/lib/gateway/upstream-error";
import { generatedText, parseUsage, renameModel } from "@/lib/gateway/usage";
import type { ChannelInfo, Outcome } from "@/lib/gateway/types";

const JSON_TYPE = "application/json";

/** The client's request as chat completions (with the reservation's output cap when it set none). */
function toChat(format: InboundFormat, req: ParsedRequest, upstreamModel: string, maxOutput: number): Outcome<ChatRequest> {
  let chat: Outcome<ChatRequest>;
  if (format.name === "chat") chat = { ok: true, value: req.body as ChatRequest };
  else if (format.name === "messages") chat = anthropicRequestToChat(req.body);
  else if (format.name === "responses") chat = responsesRequestToChat(req.body);
  else return { ok: false, code: "invalid_request", message: `The ${format.path} endpoint is served only by OpenAI-compatible channels.` };
  if (!chat.ok) return chat;
  const body: ChatRequest = { ...chat.value, model: upstreamModel, stream: req.stream };
  if (body.max_tokens == null && body.max_completion_tokens == null) body.max_completion_tokens = maxOutput;
  return { ok: true, value: body };
}

type Upstream = {
  url: string;
  headers: Record<string, string>;
  body: Json;
  /** the upstream's answer as a chat completion, and its usage */
  read(payload: Json): { chat: Json; usage: TokenUsage | null };
  source(): ChatSource;
};

/** The chat request in the channel's own format, and how to read the channel's answers as chat. */
function upstreamSide(chat: ChatRequest, req: ParsedRequest, channel: ChannelInfo, opts: PlanOptions, includeUsage: boolean): Outcome<Upstream> {
  const model = chat.model;
  const base = { model: req.model, id: opts.requestId, created: Math.floor(Date.now() / 1000), includeUsage };
  if (channel.type === "anthropic") {
    const body = chatRequestToAnthropic(chat, model, opts.maxOutput);
    if (!body.ok) return body;
    const client = { version: opts.clientHeaders.get("anthropic-version"), beta: opts.clientHeaders.get("anthropic-beta") };
    return {
      ok: true,
      value: {
        url: anthropicUrl(channel.baseUrl),
        headers: anthropicHeaders(channel.apiKey, client, channel.headers),
        body: body.value,
        read: (p) => ({ chat: anthropicResponseToChat(p, req.model, base.created) as Json, usage: anthropicUsage(p.usage) }),
        source: () => new AnthropicToChatStream(base),
      },
    };
  }
  if (channel.type === "gemini") {
    const body = chatRequestToGemini(chat);
    if (!body.ok) return body;
    return {
      ok: true,
      value: {
        url: geminiUrl(channel.baseUrl, model, req.stream),
        headers: geminiHeaders(channel.apiKey, channel.headers),
        body: body.value,
        read: (p) => ({ chat: geminiResponseToChat(p, req.model, opts.requestId, base.created) as Json, usage: geminiUsage(p.usageMetadata) }),
        source: () => new GeminiToChatStream(base),
      },
    };
  }
  const openai: Json = { ...toOpenaiChatRequest(chat) };
  if (req.stream) openai.stream_options = { ...(isObject(openai.stream_options) ? openai.stream_options : {}), include_usage: true };
  const azure = channel.type === "azure";
  return {
    ok: true,
    value: {
      url: azure ? azureUrl(channel.baseUrl, "/chat/completions", { deployment: model, apiVersion: channel.apiVersion }) : openaiUrl(channel.baseUrl, "/chat/completions"),
      headers: azure ? azureHeaders(channel.apiKey, channel.headers) : openaiHeaders(channel.apiKey, channel.headers),
      body: openai,
      read: (p) => {
        renameModel(p, req.model);
        return { chat: p, usage: parseUsage(p.usage) };
      },
      source: () => new OpenAiChatSource(),
    },
  };
}

/** Chat answers written in the client's format. */
function clientSide(format: InboundFormat, req: ParsedRequest, opts: PlanOptions) {
  const ctx = { model: req.model, requestId: opts.requestId, createdAt: Math.floor(Date.now() / 1000), request: req.body };
  return {
    answer(chat: Json, usage: TokenUsage | null): Json {
      if (format.name === "messages") return chatResponseToAnthropic(chat, req.model, usage);
      if (format.name === "responses") return chatResponseToResponses(chat, ctx, usage);
      return chat;
    },
    sink(): ChatSink {
      if (format.name === "messages") return new ChatToAnthropicStream({ model: req.model, id: opts.requestId });
      if (format.name === "responses") return new ChatToResponsesStream(ctx);
      return new ChatSseWriter();
    },
  };
}

/** The channel speaks another format than the client: both ways through chat completions. */
export function convertedPlan(format: InboundFormat, req: ParsedRequest, channel: ChannelInfo, opts: PlanOptions): Outcome<UpstreamPlan> {
  const upstreamModel = upstreamModelName(channel, req.model);
  const chat = toChat(format, req, upstreamModel, opts.maxOutput);
  if (!chat.ok) return chat;
  // A chat client sees a usage chunk only when it asked; the other formats always carry usage.
  const includeUsage = format.name !== "chat" || req.clientWantsUsage;
  const up = upstreamSide(chat.value, req, channel, opts, includeUsage);
  if (!up.ok) return up;
  const client = clientSide(format, req, opts);
  const secrets = [channel.apiKey];
  return {
    ok: true,
    value: {
      upstreamModel,
      url: up.value.url,
      headers: { ...up.value.headers, accept: req.stream ? "text/event-stream" : JSON_TYPE },
      body: Buffer.from(JSON.stringify(up.value.body)),
      secrets,
      answer(bytes): Outcome<Answer> {
        let payload: unknown;
        try {
          payload = JSON.parse(bytes.toString("utf8"));
        } catch {
          return { ok: false, code: "upstream_error", message: "the upstream's answer is not JSON" };
        }
        if (!isObject(payload)) return { ok: false, code: "upstream_error", message: "the upstream's answer is not a JSON object" };
        const { chat: answer, usage } = up.value.read(payload);
        const text = usage ? "" : generatedText(answer);
        return { ok: true, value: { result: jsonResult(200, client.answer(answer, usage)), usage, text } };
      },
      stream: () => new ConvertedStreamTap(up.value.source(), client.sink(), secrets),
      clientError: (status, bytes) => upstreamClientError(format, status, bytes, secrets),
    },
  };
}
