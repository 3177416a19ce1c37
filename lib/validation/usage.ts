import { z } from "zod";
import "@/lib/validation/messages";

/** A date (`YYYY-MM-DD`, midnight UTC) or an ISO date-time with offset. */
const instantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => new Date(s));

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `?userId=` (admins): a user id, or `all` for everyone. */
const userIdSchema = z.union([z.literal("all"), idSchema]);

const filters = {
  tokenId: idSchema.optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  userId: userIdSchema.optional(),
  /** "success": HTTP status below 400; "error": 400 and above */
  status: z.enum(["success", "error"]).optional(),
};

export const usageQuerySchema = z.strictObject({
  ...filters,
  model: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const usageSummaryQuerySchema = z.strictObject({
  ...filters,
  groupBy: z.enum(["day", "model", "token"]),
});

/** `GET /api/usage/export`: the listing's filters, every matching record as CSV. */
export const usageExportQuerySchema = z.strictObject({
  ...filters,
  model: z.string().trim().min(1).max(200).optional(),
});

export type UsageExportQuery = z.infer<typeof usageExportQuerySchema>;
export type UsageQuery = z.infer<typeof usageQuerySchema>;
export type UsageSummaryQuery = z.infer<typeof usageSummaryQuerySchema>;
