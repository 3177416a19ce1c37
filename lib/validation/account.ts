import { z } from "zod";
import "@/lib/validation/messages";

/** `POST /api/account/redeem`. */
export const redeemSchema = z.strictObject({
  code: z.string().trim().min(1, "Enter a code").max(100),
});

/** `GET /api/account/balance-history`: a page; admins may name a user. */
export const balanceHistoryQuerySchema = z.strictObject({
  userId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
