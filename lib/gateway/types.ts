import type { ModelPricing, TokenUsage } from "@/lib/billing/pricing";
import type { CidrList } from "@/lib/net/cidr";
import type { ErrorCode } from "@/lib/errors";
import type { UpstreamFetch } from "@/lib/gateway/upstream";
import type { KeyPool } from "@/lib/gateway/key-pool";
import type { QuotaPeriod, SpendPeriod } from "@/lib/billing/periods";

/** What the relay needs to know about a token, joined with its owner. */
export type AuthToken = {
  id: number;
  userId: number;
  name: string;
  status: "active" | "disabled";
  userStatus: "active" | "disabled";
  /** epoch ms, or null for no expiry */
  expiresAt: number | null;
  /** empty = every model of the group */
  allowedModels: string[];
  /** empty = any address */
  allowedIps: CidrList;
  /** the effective group (the token's, else its owner's) */
  group: string;
  /** null = unlimited; with a quotaPeriod, the cap of each period */
  quota: number | null;
  quotaPeriod: QuotaPeriod;
  /** the token's own limits (null = the group's, else none) */
  rpmLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
  /** the period of the owner's spend limit (reservations note which period they were taken in) */
  userSpendPeriod: SpendPeriod;
};

/** Requests per minute, tokens per minute, requests in flight; null = no limit. */
export type CallLimits = { rpm: number | null; tpm: number | null; concurrency: number | null };

/** A group's limits, as admins set them (they apply to every token in it). */
export type GroupLimits = { rpmLimit: number | null; tpmLimit: number | null; concurrencyLimit: number | null };

/** Check 8's question: may this call start, counting `tokens` (prompt bound + max output) on entry? */
export type AdmitRequest = { key: string; id: string; limits: CallLimits; tokens: number; now: number };

/** Where a window stands after a check, for the x-ratelimit-* headers. */
export type WindowState = { limit: number; remaining: number; resetMs: number };

/** A call's slot and counted tokens: released (and corrected to real usage) when the call ends. */
export interface LimitLease {
  /** Frees the slot; `actualTokens` corrects the tokens counted on entry (null = keep them). Never rejects. */
  release(actualTokens: number | null): Promise<void>;
}

export type Admission = {
  ok: boolean;
  /** which limit refused the call, or null */
  refusedBy: "requests" | "tokens" | "concurrency" | null;
  retryAfterMs: number;
  requests: WindowState | null;
  tokens: WindowState | null;
  /** null when refused */
  lease: LimitLease | null;
};

/** An active channel as routing sees it. */
export type ChannelInfo = {
  id: number;
  name: string;
  type: string;
  baseUrl: string;
  /** every upstream key of the channel, used in turn (at least one) */
  apiKeys: string[];
  /** the key a request goes out with: the first in a snapshot; each attempt sets the one it picked */
  apiKey: string;
  /** azure: the deployment URL form with this api-version; null = the /openai/v1 form */
  apiVersion: string | null;
  /** extra upstream headers */
  headers: Record<string, string>;
  models: string[];
  modelMapping: Record<string, string>;
  groups: string[];
  priority: number;
  weight: number;
};

export type ModelInfo = ModelPricing & { name: string; maxOutputTokens: number; contextWindow: number | null };

/** Everything routing and pricing read, loaded together and cached in process. */
export type RoutingSnapshot = {
  groupRatios: Map<string, number>;
  /** groups with at least one limit set */
  groupLimits: Map<string, GroupLimits>;
  models: Map<string, ModelInfo>;
  /** active channels only */
  channels: ChannelInfo[];
};

/** One call's usage record (CONTRACT §3 and §5), as the relay writes it. */
export type UsageEntry = {
  requestId: string;
  userId: number;
  tokenId: number;
  tokenName: string;
  channelId: number | null;
  endpoint: string;
  model: string;
  upstreamModel: string | null;
  group: string;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
  reasoningTokens: number;
  modelRatio: number;
  completionRatio: number;
  cacheRatio: number;
  cacheWriteRatio: number;
  cacheWrite1hRatio: number;
  groupRatio: number;
  fixedPrice: number | null;
  /** credits charged (a settlement that goes with the record may lower it to what the funds covered) */
  cost: number;
  /** credits the call cost beyond what the token and the balance could still cover */
  writtenOff: number;
  status: number;
  errorCode: string | null;
  /** short, sanitized reason of a failed or refused call */
  errorMessage: string | null;
  stream: boolean;
  estimated: boolean;
  latencyMs: number;
  /** time to the first byte of a streamed answer */
  ttfbMs: number | null;
  attempts: { channelId: number; status: number | null; error: string | null; ms: number }[];
  clientIp: string | null;
  userAgent: string | null;
  createdAt: Date;
};

/**
 * Credits reserved for one call on a token and its owner's balance, with the budget periods it was
 * reserved in (epoch ms of their starts; 0 without a period): it settles against those periods.
 */
export type Hold = { requestId: string; userId: number; tokenId: number; amount: number; periodStart?: number; spendPeriodStart?: number };

export type ReserveOutcome = { ok: true } | { ok: false; code: "insufficient_quota"; which: "token" | "balance" | "spend_limit" };

/** Everything the relay core touches outside itself; tests pass in-memory versions. */
export type GatewayDeps = {
  findToken(keyHash: string): Promise<AuthToken | null>;
  routing(): Promise<RoutingSnapshot>;
  /** Check 8: the token's request, token and concurrency limits (counted on admission). */
  admit(request: AdmitRequest): Promise<Admission>;
  reserve(hold: Hold): Promise<ReserveOutcome>;
  /**
   * Charges the real cost (`entry.cost`), releases the hold and writes the usage record, atomically
   * and at most once per request id. A cost above the hold is taken from what the token and the
   * balance have free; what they cannot cover is written off (and so recorded).
   */
  settle(hold: Hold, entry: UsageEntry): Promise<void>;
  /** Every refusal, by code (metrics); unknown keys are counted here and never recorded. */
  refused(code: string): void;
  /** Writes the usage record of a call that holds nothing (batched). */
  recordUsage(entry: UsageEntry): void;
  /** Stores a long stream's progress, so that a crashed instance's call is charged what it had cost. */
  checkpoint(hold: Hold, cost: number, entry: UsageEntry): void;
  touchToken(tokenId: number): void;
  /** The upstream answered as an upstream should (any status it is allowed to answer). */
  channelSucceeded(channelId: number): void;
  /** The upstream itself failed: connect error, timeout, retryable status, broken stream. */
  channelFailed(channelId: number, reason: string): void;
  /** Token counts of texts, for estimating a call whose upstream reported no usage (off the event loop). */
  countTokens(texts: string[]): Promise<number[]>;
  /** The upstream HTTP client. */
  upstream: UpstreamFetch;
  /** Which of a channel's keys to use, and which are set aside. */
  keys: KeyPool;
  now(): number;
  random(): number;
  config: {
    maxBodyBytes: number;
    upstreamTimeoutMs: number;
    maxAttempts: number;
    /** how often a stream stores its progress (see checkpoint) */
    checkpointIntervalMs: number;
    /** requests per minute of a token whose token and group set none (0 = none) */
    defaultRpm: number;
    /** the zone whose midnights start budget periods */
    budgetTimeZone: string;
  };
};

/** A check's answer: expected failures are values, not exceptions. */
export type Outcome<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; message: string; param?: string; headers?: Record<string, string> };

export type Failure = Extract<Outcome, { ok: false }>;

export type { TokenUsage };
