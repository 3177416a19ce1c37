import { z } from "zod";
import "@/lib/validation/messages";

/** `POST /api/admin/redemptions`: a batch of codes; `amount` in credits per redemption. */
export const redemptionCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the batch a name").max(100),
  count: z.number().int().min(1).max(1000),
  amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  expiresAt: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .refine((d) => d.getTime() > Date.now(), "Pick a moment in the future")
    .nullable()
    .optional(),
  /** How many different users may redeem each code (default 1). */
  maxUses: z.number().int().min(1).max(1_000_000).optional(),
});

/** `PATCH /api/admin/redemptions/{id}`. */
export const redemptionUpdateSchema = z.strictObject({
  status: z.enum(["active", "disabled"]),
});

export type RedemptionCreate = z.infer<typeof redemptionCreateSchema>;
