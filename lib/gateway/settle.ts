import { computeCost, type TokenUsage } from "@/lib/billing/pricing";
import { countCompletionText, countPromptTokens } from "@/lib/billing/estimate";
import type { ParsedRequest } from "@/lib/gateway/request";
import type { AuthToken, ChannelInfo, Endpoint, GatewayDeps, Hold, ModelInfo } from "@/lib/gateway/types";

/** One admitted call: what it was, what was reserved for it. */
export type CallContext = {
  deps: GatewayDeps;
  requestId: string;
  started: number;
  endpoint: Endpoint;
  token: AuthToken;
  req: ParsedRequest;
  model: ModelInfo;
  groupRatio: number;
  hold: Hold | null;
};

export type CallOutcome = {
  channel: ChannelInfo | null;
  upstreamModel: string | null;
  status: number;
  errorCode: string | null;
  /** whether the upstream produced output that must be paid for */
  produced: boolean;
  usage: TokenUsage | null;
  /** generated text, for estimating usage when the upstream reported none */
  text: string;
};

/**
 * Ends a call exactly once: prices what was produced (upstream usage, else a tokenizer estimate),
 * charges at most the reservation, releases the rest, and queues the usage record.
 */
export async function finishCall(ctx: CallContext, out: CallOutcome): Promise<void> {
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
  let estimated = false;
  let cost = 0;
  if (out.produced) {
    if (out.usage) {
      usage = out.usage;
    } else {
      estimated = true;
      usage = {
        promptTokens: await countPromptTokens(ctx.req.body, ctx.endpoint),
        completionTokens: await countCompletionText(out.text),
        cachedTokens: 0,
      };
    }
    cost = computeCost(usage, ctx.model, ctx.groupRatio);
  }
  const reserved = ctx.hold?.amount ?? 0;
  if (cost > reserved) {
    console.warn(`[${ctx.requestId}] cost ${cost} exceeds the reservation ${reserved}; charging the reservation`);
    cost = reserved;
  }
  if (ctx.hold) {
    try {
      await ctx.deps.settle(ctx.hold, cost);
    } catch (err) {
      // The hold stays in place and the reconciler releases it after its TTL.
      console.error(`[${ctx.requestId}] settlement failed:`, err);
    }
  }
  ctx.deps.recordUsage({
    requestId: ctx.requestId,
    userId: ctx.token.userId,
    tokenId: ctx.token.id,
    tokenName: ctx.token.name,
    channelId: out.channel?.id ?? null,
    endpoint: ctx.endpoint,
    model: ctx.req.model,
    upstreamModel: out.upstreamModel,
    group: ctx.token.group,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    cachedTokens: usage.cachedTokens ?? 0,
    modelRatio: ctx.model.modelRatio,
    completionRatio: ctx.model.completionRatio,
    cacheRatio: ctx.model.cacheRatio,
    groupRatio: ctx.groupRatio,
    fixedPrice: ctx.model.fixedPrice ?? null,
    cost,
    status: out.status,
    errorCode: out.errorCode,
    stream: ctx.req.stream,
    estimated,
    latencyMs: Math.max(0, Math.round(ctx.deps.now() - ctx.started)),
    createdAt: new Date(ctx.started),
  });
}
