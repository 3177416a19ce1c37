import { z } from "zod";
import "@/lib/validation/messages";
import { QUOTA_PERIODS, SPEND_PERIODS } from "@/lib/billing/periods";

/** A rate limit: an integer ≥ 1, or null for none. */
export const limitSchema = z.number().int().min(1).max(1_000_000_000).nullable();

export const LIMIT_FIELDS = ["rpmLimit", "tpmLimit", "concurrencyLimit"] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];
export type Limits = Record<LimitField, number | null>;

/** The limit fields of tokens and groups (CONTRACT §5), each optional in a body. */
export const limitFieldsSchema = z.strictObject({
  rpmLimit: limitSchema.optional(),
  tpmLimit: limitSchema.optional(),
  concurrencyLimit: limitSchema.optional(),
});

export const quotaPeriodSchema = z.enum(QUOTA_PERIODS);
export const spendPeriodSchema = z.enum(SPEND_PERIODS);

/** How each limit reads, with its unit. */
export const LIMIT_LABELS: Record<LimitField, { label: string; unit: string }> = {
  rpmLimit: { label: "Requests / minute", unit: "requests per minute" },
  tpmLimit: { label: "Tokens / minute", unit: "tokens per minute" },
  concurrencyLimit: { label: "Requests in flight", unit: "requests at once" },
};

/** The first of a token's limits above its group's (a group without one allows any), or null. */
export function limitAboveGroup(token: Partial<Limits>, group: Limits): { field: LimitField; ceiling: number } | null {
  for (const field of LIMIT_FIELDS) {
    const mine = token[field];
    const ceiling = group[field];
    if (mine != null && ceiling !== null && mine > ceiling) return { field, ceiling };
  }
  return null;
}
