"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import type { ApiResult } from "@/components/admin/api";
import { apiErrors, type FieldErrors } from "@/components/admin/form-state";
import { useToast } from "@/components/ui/toast";

/**
 * State shared by the admin edit forms: field and form errors, the saving flag, input ids and aria props,
 * and `save`, which sends the request, shows the API's errors, or toasts, closes and refreshes the page.
 */
export function useAdminForm(onClose: () => void) {
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

  /** Sends a validated request; `fields` are the form's fields the API may blame, `done` words the toast. */
  async function save<T>(request: () => Promise<ApiResult<T>>, fields: readonly string[], done: (data: T) => string) {
    setErrors({});
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
    onClose();
    router.refresh();
  }

  return { errors, setErrors, formError, setFormError, saving, id, aria, save };
}
