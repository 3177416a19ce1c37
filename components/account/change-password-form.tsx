"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { fieldErrors, type FieldErrors } from "@/components/forms/form-state";
import { callApi } from "@/lib/api-client";
import { changePasswordSchema } from "@/lib/validation/auth";

type Values = { currentPassword: string; newPassword: string; confirm: string };
const EMPTY: Values = { currentPassword: "", newPassword: "", confirm: "" };

/** Every field's error: the API's schema, and the repeated password. */
function check(v: Values): FieldErrors {
  const parsed = changePasswordSchema.safeParse({ currentPassword: v.currentPassword, newPassword: v.newPassword });
  const errs = parsed.success ? {} : fieldErrors(parsed.error);
  if (v.confirm !== v.newPassword) errs.confirm = "The two new passwords differ.";
  return errs;
}

/** Current + new password (typed twice), validated with the API's schema before sending. */
export function ChangePasswordForm() {
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setDone(false);
    const next = { ...v, [k]: e.target.value };
    setV(next);
    // A shown error follows the field and goes once the value is valid.
    if (errors[k]) setErrors(({ [k]: _, ...rest }) => (check(next)[k] ? { ...rest, [k]: check(next)[k] } : rest));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const errs = check(v);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setSaving(true);
    const res = await callApi("POST", "/api/account/password", { currentPassword: v.currentPassword, newPassword: v.newPassword });
    setSaving(false);
    if (res.ok) {
      setV(EMPTY);
      setDone(true);
      return;
    }
    setErrors(res.param === "currentPassword" || res.param === "newPassword" ? { [res.param]: res.message } : { _: res.message });
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
        />
      </FormField>
      <FormField id="new-password" label="New password" error={errors.newPassword} hint="At least 8 characters.">
        <Input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={v.newPassword}
          onChange={set("newPassword")}
        />
      </FormField>
      <FormField id="confirm-password" label="Repeat the new password" error={errors.confirm}>
        <Input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          value={v.confirm}
          onChange={set("confirm")}
        />
      </FormField>
      <Button type="submit" disabled={saving} className="justify-self-start">
        {saving ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
