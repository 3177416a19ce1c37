import { DEFAULT_CACHE_WRITE_1H_RATIO, DEFAULT_CACHE_WRITE_RATIO, type TokenUsage } from "@/lib/billing/pricing";
import type { RelayCall } from "@/lib/gateway/call";
import { ERROR_STATUS } from "@/lib/errors";
import type { InboundFormat } from "@/lib/gateway/formats/types";
import type { RelayInput } from "@/lib/gateway/http";
import type { AuthToken, Failure, UsageEntry } from "@/lib/gateway/types";

/** How a call ended, for its record. */
export type Outcome = {
  status: number;
  errorCode: string | null;
  errorMessage: string | null;
  usage: TokenUsage;
  estimated: boolean;
  cost: number;
};

/** The usage record of a call (what it was, what it cost, how it went, every channel tried). */
export function usageEntry(call: RelayCall, o: Outcome): UsageEntry {
  const { token, model, req, attempts, input } = call;
  const last = attempts.at(-1);
  return {
    requestId: call.requestId,
    userId: token.userId,
    tokenId: token.id,
    tokenName: token.name,
    channelId: last?.channel.id ?? null,
    endpoint: call.format.name,
    model: req.model,
    upstreamModel: last?.upstreamModel ?? null,
    group: token.group,
    promptTokens: o.usage.promptTokens,
    completionTokens: o.usage.completionTokens,
    cachedTokens: o.usage.cachedTokens ?? 0,
    cacheWriteTokens: o.usage.cacheWriteTokens ?? 0,
    cacheWrite1hTokens: o.usage.cacheWrite1hTokens ?? 0,
    reasoningTokens: o.usage.reasoningTokens ?? 0,
    modelRatio: model.modelRatio,
    completionRatio: model.completionRatio,
    cacheRatio: model.cacheRatio,
    // The rates the call was charged at: a model without its own cache-write ratios pays the defaults.
    cacheWriteRatio: model.cacheWriteRatio ?? DEFAULT_CACHE_WRITE_RATIO,
    cacheWrite1hRatio: model.cacheWrite1hRatio ?? DEFAULT_CACHE_WRITE_1H_RATIO,
    groupRatio: call.groupRatio,
    fixedPrice: model.fixedPrice ?? null,
    cost: o.cost,
    writtenOff: 0,
    status: o.status,
    errorCode: o.errorCode,
    errorMessage: o.errorMessage === null ? null : o.errorMessage.slice(0, 300),
    stream: req.stream,
    estimated: o.estimated,
    latencyMs: Math.max(0, Math.round(call.deps.now() - call.started)),
    ttfbMs: call.firstByteAt === null ? null : Math.max(0, Math.round(call.firstByteAt - call.started)),
    attempts: attempts.map((a) => ({ channelId: a.channel.id, status: a.status, error: a.error, ms: a.ms })),
    clientIp: input.clientIp,
    userAgent: input.headers.get("user-agent")?.slice(0, 300) ?? null,
    createdAt: new Date(call.started),
  };
}

/** The record of a call refused before it was admitted: nothing charged, the refusal's code and reason. */
export function refusalEntry(r: {
  input: RelayInput;
  format: InboundFormat;
  token: AuthToken;
  model: string;
  started: number;
  now: number;
  failure: Failure;
}): UsageEntry {
  const { token, input } = r;
  return {
    requestId: input.requestId,
    userId: token.userId,
    tokenId: token.id,
    tokenName: token.name,
    channelId: null,
    endpoint: r.format.name,
    model: r.model,
    upstreamModel: null,
    group: token.group,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    modelRatio: 0,
    completionRatio: 0,
    cacheRatio: 0,
    cacheWriteRatio: 0,
    cacheWrite1hRatio: 0,
    groupRatio: 0,
    fixedPrice: null,
    cost: 0,
    writtenOff: 0,
    status: ERROR_STATUS[r.failure.code],
    errorCode: r.failure.code,
    errorMessage: r.failure.message.slice(0, 300),
    stream: false,
    estimated: false,
    latencyMs: Math.max(0, Math.round(r.now - r.started)),
    ttfbMs: null,
    attempts: [],
    clientIp: input.clientIp,
    userAgent: input.headers.get("user-agent")?.slice(0, 300) ?? null,
    createdAt: new Date(r.started),
  };
}
