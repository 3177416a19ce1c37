"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { apiFetch, ApiRequestError, fieldErrors } from "@/lib/api-client";
import { changePasswordSchema } from "@/lib/validation/auth";

type Values = { currentPassword: string; newPassword: string; confirm: string };
const EMPTY: Values = { currentPassword: "", newPassword: "", confirm: "" };

/** Current + new password (typed twice), validated with the API's schema before sending. */
export function ChangePasswordForm() {
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Values | "_", string>>>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setDone(false);
    setV((s) => ({ ...s, [k]: e.target.value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const body = { currentPassword: v.currentPassword, newPassword: v.newPassword };
    const parsed = changePasswordSchema.safeParse(body);
    const errs: typeof errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (v.confirm !== v.newPassword) errs.confirm = "The two new passwords differ.";
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setSaving(true);
    try {
      await apiFetch("/api/account/password", { body });
      setV(EMPTY);
      setDone(true);
    } catch (err) {
      const message = err instanceof Error ? err.message : "Could not change the password.";
      const param = err instanceof ApiRequestError ? err.param : null;
      setErrors(param === "currentPassword" || param === "newPassword" ? { [param]: message } : { _: message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="grid max-w-sm gap-4" aria-label="Change password">
      {done ? <Alert variant="success">Your password has been changed.</Alert> : null}
      {errors._ ? <Alert variant="error">{errors._}</Alert> : null}
      <FormField id="current-password" label="Current password" error={errors.currentPassword}>
        <Input
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={v.currentPassword}
          onChange={set("currentPassword")}
          aria-invalid={!!errors.currentPassword}
        />
      </FormField>
      <FormField id="new-password" label="New password" error={errors.newPassword} hint="At least 8 characters.">
        <Input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={v.newPassword}
          onChange={set("newPassword")}
          aria-invalid={!!errors.newPassword}
        />
      </FormField>
      <FormField id="confirm-password" label="Repeat the new password" error={errors.confirm}>
        <Input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          value={v.confirm}
          onChange={set("confirm")}
          aria-invalid={!!errors.confirm}
        />
      </FormField>
      <Button type="submit" disabled={saving} className="justify-self-start">
        {saving ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
