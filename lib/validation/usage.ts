import { z } from "zod";
import "@/lib/validation/messages";
import { validTimeZone } from "@/lib/time-zone";

/** A date (`YYYY-MM-DD`, midnight UTC) or an ISO date-time with offset. */
const instantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => new Date(s));

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `?userId=` (admins): a user id, or `all` for everyone. */
const userIdSchema = z.union([z.literal("all"), idSchema]);

const filters = {
  tokenId: idSchema.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  userId: userIdSchema.optional(),
  /** "success": HTTP status below 400; "error": 400 and above */
  status: z.enum(["success", "error"]).optional(),
};

export const usageQuerySchema = z.strictObject({
  ...filters,
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const usageSummaryQuerySchema = z.strictObject({
  ...filters,
  /** user and channel: admins' views over everyone (with userId=all) */
  groupBy: z.enum(["day", "model", "token", "user", "channel"]),
  /** The IANA time zone whose days `groupBy=day` cuts (default UTC). */
  tz: z
    .string()
    .max(64)
    .refine((z) => validTimeZone(z) !== undefined, "Not a time zone this server knows, e.g. Europe/Paris")
    .optional(),
});

/** `GET /api/usage/export`: the listing's filters, every matching record as CSV. */
export const usageExportQuerySchema = z.strictObject({
  ...filters,
});

export type UsageExportQuery = z.infer<typeof usageExportQuerySchema>;
export type UsageQuery = z.infer<typeof usageQuerySchema>;
export type UsageSummaryQuery = z.infer<typeof usageSummaryQuerySchema>;
