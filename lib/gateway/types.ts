import type { Dispatcher } from "undici";
import type { ModelPricing } from "@/lib/billing/pricing";
import type { CidrList } from "@/lib/gateway/cidr";
import type { ErrorCode } from "@/lib/errors";

/** The relay endpoints that carry a model and are billed. */
export type Endpoint = "chat" | "completions" | "embeddings";

export const ENDPOINT_PATH: Record<Endpoint, string> = {
  chat: "/chat/completions",
  completions: "/completions",
  embeddings: "/embeddings",
};

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
  /** null = unlimited */
  quota: number | null;
};

export type ChannelInfo = {
  id: number;
  name: string;
  baseUrl: string;
  apiKey: string;
  models: string[];
  modelMapping: Record<string, string>;
  groups: string[];
  priority: number;
  weight: number;
};

export type ModelInfo = ModelPricing & { name: string; maxOutputTokens: number };

/** Everything routing and pricing read, loaded together and cached in process. */
export type RoutingSnapshot = {
  groupRatios: Map<string, number>;
  models: Map<string, ModelInfo>;
  /** active channels only */
  channels: ChannelInfo[];
};

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
  modelRatio: number;
  completionRatio: number;
  cacheRatio: number;
  groupRatio: number;
  fixedPrice: number | null;
  cost: number;
  status: number;
  errorCode: string | null;
  stream: boolean;
  estimated: boolean;
  latencyMs: number;
  createdAt: Date;
};

export type Hold = { requestId: string; userId: number; tokenId: number; amount: number };

export type ReserveOutcome = { ok: true } | { ok: false; code: "insufficient_quota"; which: "token" | "balance" };

export type GatewayDeps = {
  findToken(keyHash: string): Promise<AuthToken | null>;
  routing(): Promise<RoutingSnapshot>;
  /** Check 8: the token's request rate (fixed one-minute windows). */
  rateLimit(token: AuthToken): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  reserve(hold: Hold): Promise<ReserveOutcome>;
  /** Charges `cost` (≤ the hold) and releases the rest of the hold. */
  settle(hold: Hold, cost: number): Promise<void>;
  recordUsage(entry: UsageEntry): void;
  touchToken(tokenId: number): void;
  channelSucceeded(channelId: number): void;
  channelFailed(channelId: number, reason: string): void;
  dispatcher: Dispatcher;
  now(): number;
  random(): number;
  config: {
    maxBodyBytes: number;
    upstreamTimeoutMs: number;
    maxAttempts: number;
  };
};

/** A check's answer: expected failures are values, not exceptions. */
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; param?: string };
