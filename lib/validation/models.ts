import { z } from "zod";
import "@/lib/validation/messages";
import { ratioSchema } from "@/lib/validation/groups";
import { modelNameSchema } from "@/lib/validation/tokens";

export const modelCreateSchema = z.strictObject({
  name: modelNameSchema,
  modelRatio: ratioSchema,
  completionRatio: ratioSchema.optional(),
  cacheRatio: ratioSchema.optional(),
  /** prompt tokens written to a provider cache; null = the defaults (1.25 and 2) */
  cacheWriteRatio: ratioSchema.nullable().optional(),
  cacheWrite1hRatio: ratioSchema.nullable().optional(),
  /** USD per call; null = priced by tokens */
  fixedPrice: z.number().finite().min(0).max(1_000_000).nullable().optional(),
  maxOutputTokens: z.number().int().min(1).max(10_000_000).optional(),
  /** the most prompt tokens the model takes; null = unknown */
  contextWindow: z.number().int().min(1).max(100_000_000).nullable().optional(),
  enabled: z.boolean().optional(),
});

/** Renaming is not supported: `name` may be present only when it equals the path's name. */
export const modelUpdateSchema = modelCreateSchema.partial();

/** `?group=` on GET /api/models. */
export const modelsQuerySchema = z.strictObject({
  group: z.string().trim().min(1).max(64).optional(),
});

export type ModelCreate = z.infer<typeof modelCreateSchema>;
export type ModelUpdate = z.infer<typeof modelUpdateSchema>;
