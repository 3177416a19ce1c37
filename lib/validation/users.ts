import { z } from "zod";
import "@/lib/validation/messages";
import { emailSchema, passwordSchema } from "@/lib/validation/auth";
import { spendPeriodSchema } from "@/lib/validation/limits";

export const groupNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "Use 1-64 letters, digits, '.', '_' or '-'");

export const userCreateSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().max(100).optional(),
  role: z.enum(["user", "admin"]).optional(),
  group: groupNameSchema.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  /** credits the user may spend per period, on top of the balance; null = no cap */
  spendLimit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  spendLimitPeriod: spendPeriodSchema.optional(),
});

export const userUpdateSchema = userCreateSchema.partial();

export const topupSchema = z.strictObject({
  amount: z.number().int().refine((n) => Number.isSafeInteger(n) && n !== 0, "Must be a non-zero integer"),
  /** Why, for the user's balance history (e.g. an invoice number). */
  note: z.string().trim().max(200).optional(),
});

export type UserCreate = z.infer<typeof userCreateSchema>;
export type UserUpdate = z.infer<typeof userUpdateSchema>;
