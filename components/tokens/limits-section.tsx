"use client";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { LIMIT_FIELDS, LIMIT_LABELS, type LimitField, type Limits } from "@/lib/validation/limits";

/** The token form's "Limits": requests and tokens per minute and requests in flight, each with its unit and the group's ceiling. */
export function LimitsSection({
  idOf,
  values,
  ceiling,
  group,
  errors,
  onChange,
}: {
  idOf: (field: string) => string;
  values: Record<LimitField, string>;
  ceiling: Limits | undefined;
  group: string;
  errors: Partial<Record<string, string>>;
  onChange: (field: LimitField, text: string) => void;
}) {
  return (
    <fieldset className="grid gap-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800" data-testid="token-limits">
      <legend className="px-1 text-sm font-medium">Limits</legend>
      <p className="text-xs text-zinc-500">
        Requests and tokens per minute (prompt + output), and requests at once. Empty = none of the token&apos;s own; the group&apos;s limit always applies.
      </p>
      <div className="grid items-start gap-4 sm:grid-cols-3">
        {LIMIT_FIELDS.map((field) => {
          const max = ceiling?.[field] ?? null;
          const { label, unit } = LIMIT_LABELS[field];
          return (
            <FormField
              key={field}
              id={idOf(field)}
              label={label}
              error={errors[field]}
              hint={`Group “${group}”: ${max === null ? "no limit" : `at most ${max.toLocaleString("en-US")} ${unit}`}`}
            >
              <Input
                id={idOf(field)}
                inputMode="numeric"
                value={values[field]}
                onChange={(e) => onChange(field, e.target.value)}
                placeholder={max === null ? "No limit" : `≤ ${max}`}
                className="tabular-nums"
              />
            </FormField>
          );
        })}
      </div>
    </fieldset>
  );
}
