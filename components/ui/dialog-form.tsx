"use client";

import type { FormEvent, ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { cn } from "@/lib/utils";

type DialogFormProps = {
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
  /** The form's accessible name. */
  label: string;
  /** A message for the whole form (not tied to one field), shown above the fields. */
  error: string | null;
  errorTitle: string;
  saving: boolean;
  submitLabel: string;
  /** The cancel button's text (default "Cancel"). */
  cancelLabel?: string;
  submitDisabled?: boolean;
  submitVariant?: ButtonProps["variant"];
  className?: string;
  children: ReactNode;
};

/** The form inside an edit dialog: form-level error on top, the fields, then Cancel and submit. */
export function DialogForm({
  onSubmit,
  onCancel,
  label,
  error,
  errorTitle,
  saving,
  submitLabel,
  cancelLabel = "Cancel",
  submitDisabled,
  submitVariant,
  className,
  children,
}: DialogFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate className={cn("grid gap-4", className)} aria-label={label}>
      {error ? <Alert variant="error" title={errorTitle}>{error}</Alert> : null}
      {children}
      <div className="flex flex-wrap justify-end gap-2 border-t border-zinc-100 pt-4">
        <Button variant="outline" onClick={onCancel} disabled={saving}>
          {cancelLabel}
        </Button>
        <Button type="submit" variant={submitVariant} disabled={saving || submitDisabled}>
          {saving ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
