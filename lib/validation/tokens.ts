import { z } from "zod";
import "@/lib/validation/messages";
import { canonicalCidr } from "@/lib/net/ip";
import { groupNameSchema } from "@/lib/validation/users";
import { limitFieldsSchema, quotaPeriodSchema } from "@/lib/validation/limits";

/** A model name as clients send it: no whitespace, at most 200 characters. */
export const modelNameSchema = z
  .string()
  .trim()
  .min(1, "Must not be empty")
  .max(200)
  .regex(/^\S+$/, "Must not contain whitespace");

const dedupe = <T>(xs: T[]) => [...new Set(xs)];

export const allowedModelsSchema = z.array(modelNameSchema).max(1000).transform(dedupe);

export const allowedIpsSchema = z
  .array(
    z
      .string()
      .max(100)
      .transform((s, ctx) => {
        const rule = canonicalCidr(s);
        if (rule === null) {
          ctx.addIssue({ code: "custom", message: `'${s}' is not an IP address or CIDR range` });
          return z.NEVER;
        }
        return rule;
      }),
  )
  .max(1000)
  .transform(dedupe);

/** Credits as a JSON number: a non-negative safe integer. */
export const creditsSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const tokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "Must not be empty").max(100),
  quota: creditsSchema.nullable().optional(),
  /** with a period, `quota` caps each period */
  quotaPeriod: quotaPeriodSchema.optional(),
  ...limitFieldsSchema.shape,
  expiresAt: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .nullable()
    .optional(),
  allowedModels: allowedModelsSchema.optional(),
  allowedIps: allowedIpsSchema.optional(),
  /** null = follow the owner's group */
  group: groupNameSchema.nullable().optional(),
  userId: z.number().int().positive().optional(),
});

export const tokenUpdateSchema = tokenCreateSchema.partial().extend({
  status: z.enum(["active", "disabled"]).optional(),
});

export type TokenCreate = z.infer<typeof tokenCreateSchema>;
export type TokenUpdate = z.infer<typeof tokenUpdateSchema>;

/** `GET /api/tokens?userId=` (admins): a user id, or `all` for everyone. */
export const tokenListQuerySchema = z.strictObject({
  userId: z.union([z.literal("all"), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)]).optional(),
});
