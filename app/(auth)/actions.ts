"use server";

import { fieldErrors } from "@/components/forms/form-state";
import { hashPassword } from "@/lib/auth/password";
import { getConfig } from "@/lib/config";
import { isConflict } from "@/lib/db/errors";
import { createFirstAdmin, createUser } from "@/lib/db/users";
import { grantRegistrationCredit } from "@/lib/services/settings";
import { signupSchema } from "@/lib/validation/auth";

export type SignupState = {
  /** The account exists: the form signs the person in with what they typed. */
  done?: boolean;
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password" | "name", string>>;
  values?: { email?: string; name?: string };
};

function readForm(form: FormData) {
  const name = String(form.get("name") ?? "").trim();
  return { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), ...(name ? { name } : {}) };
}

// What the form gets back to show again: never the password.
const shown = (raw: { email: string; name?: string }) => ({ email: raw.email, name: raw.name });

/** First-run setup: creates the admin account while no user exists. */
export async function setupAction(_: SignupState, form: FormData): Promise<SignupState> {
  const raw = readForm(form);
  const parsed = signupSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values: shown(raw) };
  let created;
  try {
    created = await createFirstAdmin({
      email: parsed.data.email,
      name: parsed.data.name ?? "Admin",
      passwordHash: await hashPassword(parsed.data.password),
    });
  } catch {
    created = null;
  }
  if (!created) return { error: "This gateway is already set up. Sign in instead." };
  return { done: true };
}

/** Self-registration, when ALLOW_REGISTRATION is on. */
export async function registerAction(_: SignupState, form: FormData): Promise<SignupState> {
  if (!getConfig().allowRegistration) return { error: "Registration is closed on this gateway." };
  const raw = readForm(form);
  const parsed = signupSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values: shown(raw) };
  let created;
  try {
    created = await createUser({
      email: parsed.data.email,
      name: parsed.data.name ?? "",
      passwordHash: await hashPassword(parsed.data.password),
    });
  } catch (err) {
    if (isConflict(err)) {
      return { fieldErrors: { email: "An account with this email exists." }, values: shown(raw) };
    }
    throw err;
  }
  await grantRegistrationCredit(created.id);
  return { done: true };
}
