"use client";

import type { ReactNode } from "react";
import { FieldMessage } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { moneyEquivalent, moneyText, parseMoney, type MoneyUnit } from "@/lib/dashboard/money";
import { cn } from "@/lib/utils";

export type MoneyValue = { text: string; unit: MoneyUnit };

/** A money amount as typed, in whole credits (undefined when empty, NaN when not a number). */
export function moneyCredits(value: MoneyValue): number | undefined {
  return parseMoney(value.text, value.unit);
}

/**
 * An amount in dollars ("$25", "12.5") with the credit equivalent shown live, or in credits after a
 * switch to the credits mode (the typed amount is converted, not lost).
 */
export function MoneyField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  disabled,
  autoFocus,
}: {
  id: string;
  label: ReactNode;
  value: MoneyValue;
  onChange: (value: MoneyValue) => void;
  error?: string;
  /** Extra text after the live equivalent (e.g. the balance after a top-up). */
  hint?: ReactNode;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const credits = parseMoney(value.text, value.unit);
  const valid = credits !== undefined && Number.isFinite(credits);
  const switchTo = (unit: MoneyUnit) => {
    if (unit === value.unit) return;
    onChange({ unit, text: valid ? moneyText(credits, unit) : value.text });
  };
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <div className="relative flex-1">
          {value.unit === "usd" ? (
            <span className="pointer-events-none absolute top-2 left-3 text-sm text-zinc-500" aria-hidden>
              $
            </span>
          ) : null}
          <Input
            id={id}
            value={value.text}
            onChange={(e) => onChange({ ...value, text: e.target.value })}
            inputMode="decimal"
            disabled={disabled}
            autoFocus={autoFocus}
            placeholder={value.unit === "usd" ? "25.00" : "12,500,000"}
            className={cn("tabular-nums", value.unit === "usd" && "pl-6")}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
          />
        </div>
        <div role="radiogroup" aria-label={`Unit of ${typeof label === "string" ? label.toLowerCase() : "the amount"}`} className="inline-flex shrink-0 rounded-md border border-zinc-300 p-0.5">
          {(["usd", "credits"] as const).map((unit) => (
            <button
              key={unit}
              type="button"
              role="radio"
              aria-checked={value.unit === unit}
              disabled={disabled}
              onClick={() => switchTo(unit)}
              className={cn(
                "rounded px-2.5 text-xs font-medium text-zinc-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:opacity-50",
                value.unit === unit && "bg-zinc-900 text-white",
              )}
            >
              {unit === "usd" ? "USD" : "Credits"}
            </button>
          ))}
        </div>
      </div>
      <FieldMessage
        id={id}
        error={error}
        hint={
          <span aria-live="polite">
            {valid ? moneyEquivalent(credits, value.unit) : value.unit === "usd" ? "$1 = 500,000 credits" : "500,000 credits = $1"}
            {hint ? <> · {hint}</> : null}
          </span>
        }
      />
    </div>
  );
}
