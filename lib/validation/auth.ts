import { z } from "zod";
import "@/lib/validation/messages";

export const emailSchema = z.email("Enter a valid email address").max(254).transform((e) => e.toLowerCase());
export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(200, "Use at most 200 characters");

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

/** First-run setup and self-registration. */
export const signupSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().max(100).optional(),
});

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password"),
  newPassword: passwordSchema,
});

export type SignupInput = z.infer<typeof signupSchema>;


/** What sign-in answers once an email or an address has tried too often (shown as is by the form). */
export const TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait a minute and try again.";
