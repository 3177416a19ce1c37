import { z } from "zod";
import "@/lib/validation/messages";

/** `PATCH /api/admin/settings`. */
export const settingsUpdateSchema = z.strictObject({
  /** Credits every self-registered account starts with (ALLOW_REGISTRATION); 0 = none. */
  registrationCredit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;
