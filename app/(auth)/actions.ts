"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { getConfig } from "@/lib/config";
import { isConflict } from "@/lib/db/errors";
import { createFirstAdmin, createUser } from "@/lib/db/users";
import { signupSchema } from "@/lib/validation/auth";

export type SignupState = {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password" | "name", string>>;
  values?: { email?: string; name?: string };
};

function readForm(form: FormData) {
  const name = String(form.get("name") ?? "").trim();
  return { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), ...(name ? { name } : {}) };
}

function invalid(error: z.ZodError, values: SignupState["values"]): SignupState {
  const fieldErrors: SignupState["fieldErrors"] = {};
  for (const issue of error.issues) {
    const key = issue.path[0] as keyof NonNullable<SignupState["fieldErrors"]>;
    fieldErrors[key] ??= issue.message;
  }
  return { fieldErrors, values };
}

/** First-run setup: creates the admin account while no user exists. */
export async function setupAction(_: SignupState, form: FormData): Promise<SignupState> {
  const raw = readForm(form);
  const parsed = signupSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error, raw);
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
  redirect("/login?setup=done");
}

/** Self-registration, when ALLOW_REGISTRATION is on. */
export async function registerAction(_: SignupState, form: FormData): Promise<SignupState> {
  if (!getConfig().allowRegistration) return { error: "Registration is closed on this gateway." };
  const raw = readForm(form);
  const parsed = signupSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error, raw);
  try {
    await createUser({
      email: parsed.data.email,
      name: parsed.data.name ?? "",
      passwordHash: await hashPassword(parsed.data.password),
    });
  } catch (err) {
    if (isConflict(err)) {
      return { fieldErrors: { email: "An account with this email exists." }, values: raw };
    }
    throw err;
  }
  redirect("/login?registered=1");
}
