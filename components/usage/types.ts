import type { usageToJson } from "@/lib/services/usage";

/** A usage record as the dashboard receives it (CONTRACT §3 UsageRecord). */
export type UsageRecordRow = ReturnType<typeof usageToJson>;

/** One bucket of GET /api/usage/summary. */
export type UsageBucketRow = { key: string; requests: number; promptTokens: number; completionTokens: number; cost: number };
