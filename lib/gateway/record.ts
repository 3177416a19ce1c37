import type { TokenUsage } from "@/lib/billing/pricing";
import type { RelayCall } from "@/lib/gateway/call";
import type { UsageEntry } from "@/lib/gateway/types";

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
    cacheWriteRatio: model.cacheWriteRatio ?? 0,
    cacheWrite1hRatio: model.cacheWrite1hRatio ?? 0,
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
