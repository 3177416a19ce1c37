import { z } from "zod";
import "@/lib/validation/messages";
import { groupNameSchema } from "@/lib/validation/users";
import { limitFieldsSchema } from "@/lib/validation/limits";

/** A non-negative, finite multiplier. */
export const ratioSchema = z.number().finite().min(0).max(1_000_000);

export const groupCreateSchema = z.strictObject({
  name: groupNameSchema,
  ratio: ratioSchema,
  description: z.string().trim().max(500).optional(),
  selectable: z.boolean().optional(),
  ...limitFieldsSchema.shape,
});

/** Renaming is not supported: `name` may be present only when it equals the path's name. */
export const groupUpdateSchema = groupCreateSchema.partial();

export type GroupCreate = z.infer<typeof groupCreateSchema>;
export type GroupUpdate = z.infer<typeof groupUpdateSchema>;
