"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import type { ApiResult } from "@/lib/api-client";
import { apiErrors, type FieldErrors } from "@/components/forms/form-state";
import { useToast } from "@/components/ui/toast";

/**
 * State shared by the dashboard's edit forms: field and form errors, the saving flag, input ids and
 * aria props, `recheck` (a shown error follows the field's value, and goes once the value is valid),
 * and `save`, which sends the request and shows the API's errors, or toasts, hands the answer to
 * `onSaved` (default: close) and refreshes the page.
 */
export function useDialogForm<T = unknown>({ onClose, onSaved }: { onClose: () => void; onSaved?: (data: T) => void }) {
  const router = useRouter();
  const toast = useToast();
  const uid = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const id = (f: string) => `${uid}-${f}`;
  const aria = (f: string) => ({
    "aria-invalid": errors[f] ? true : undefined,
    "aria-describedby": errors[f] ? `${id(f)}-error` : undefined,
  });

  /** After `field` changed: when it shows an error, replace it with what `validate()` says now (nothing once valid). */
  function recheck(field: string, validate: () => FieldErrors) {
    if (!errors[field]) return;
    const now = validate()[field];
    setErrors(({ [field]: _, ...rest }) => (now ? { ...rest, [field]: now } : rest));
  }

  /** Sends a validated request; `fields` are the form's fields the API may blame, `done` words the toast. */
  async function save(request: () => Promise<ApiResult<T>>, fields: readonly string[], done: (data: T) => string) {
    setErrors({});
    setFormError(null);
    setSaving(true);
    const res = await request();
    setSaving(false);
    if (!res.ok) {
      const split = apiErrors(res, fields);
      setErrors(split.fields);
      setFormError(split.form);
      return;
    }
    toast(done(res.data));
    if (onSaved) onSaved(res.data);
    else onClose();
    router.refresh();
  }

  return { errors, setErrors, formError, setFormError, saving, id, aria, recheck, save };
}

/**
 * A form's values and `set(key, value)`, which also rechecks the changed field's shown error with
 * `validate(next values)`; `fieldOf` names the field an input's error belongs to when it differs
 * (an "Unlimited" checkbox clears the quota's error).
 */
export function useCheckedValues<V extends object>(
  initial: V | (() => V),
  recheck: (field: string, validate: () => FieldErrors) => void,
  validate: (values: V) => FieldErrors,
  fieldOf: Partial<Record<keyof V, string>> = {},
) {
  const [values, setValues] = useState<V>(initial);
  const set = <K extends keyof V>(key: K, value: V[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    recheck(fieldOf[key] ?? String(key), () => validate(next));
  };
  return [values, set, setValues] as const;
}
