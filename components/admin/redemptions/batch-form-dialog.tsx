"use client";

import type { FormEvent } from "react";
import type { RedemptionRowJson } from "@/components/admin/redemptions/types";
import { fieldErrors, parseNumberInput, type FieldErrors } from "@/components/forms/form-state";
import { ExpiryField } from "@/components/forms/expiry-field";
import { MoneyField, moneyCredits, type MoneyValue } from "@/components/forms/money-field";
import { useCheckedValues, useDialogForm } from "@/components/forms/use-dialog-form";
import { useTimeZone } from "@/components/layout/time-zone";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { callApi } from "@/lib/api-client";
import { fromZoned, toZonedInput } from "@/lib/time-zone";
import { redemptionCreateSchema } from "@/lib/validation/redemptions";

type Values = { name: string; count: string; value: MoneyValue; maxUses: string; noExpiry: boolean; expiresAt: string };
type Props = { open: boolean; onClose: () => void; onCreated: (codes: RedemptionRowJson[]) => void };

/** The API body of the form, or its errors by field. */
function build(v: Values, zone: string): { ok: true; body: unknown } | { ok: false; errors: FieldErrors } {
  const amount = moneyCredits(v.value);
  const expiresAt = v.noExpiry ? null : fromZoned(v.expiresAt, zone);
  if (!v.noExpiry && !expiresAt) return { ok: false, errors: { expiresAt: "Pick a date and time, or choose “Never”" } };
  const parsed = redemptionCreateSchema.safeParse({
    name: v.name,
    count: parseNumberInput(v.count) ?? Number.NaN,
    amount: amount ?? Number.NaN,
    maxUses: parseNumberInput(v.maxUses) ?? 1,
    expiresAt: expiresAt?.toISOString() ?? null,
  });
  if (parsed.success) return { ok: true, body: { ...parsed.data, expiresAt: parsed.data.expiresAt?.toISOString() ?? null } };
  const { amount: amountError, ...rest } = fieldErrors(parsed.error);
  return { ok: false, errors: amountError ? { ...rest, value: v.value.text.trim() ? amountError : "Enter the value of each code, e.g. $10" } : rest };
}

/** Creates a batch of redemption codes: how many, what each is worth, until when and by how many people each may be used. */
export function BatchFormDialog(props: Props) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title="New redemption codes" description="Each code adds its value to the balance of the user who redeems it." testId="batch-dialog">
      {props.open ? <BatchForm {...props} /> : null}
    </Dialog>
  );
}

function BatchForm({ onClose, onCreated }: Props) {
  const zone = useTimeZone();
  const form = useDialogForm<{ data: RedemptionRowJson[] }>({ onClose, onSaved: (res) => onCreated(res.data) });
  const { errors, id } = form;
  const [v, set] = useCheckedValues<Values>(
    () => ({ name: "", count: "10", value: { unit: "usd", text: "" }, maxUses: "1", noExpiry: true, expiresAt: toZonedInput(new Date(Date.now() + 90 * 86_400_000), zone) }),
    form.recheck,
    (next) => {
      const built = build(next, zone);
      return built.ok ? {} : built.errors;
    },
    { noExpiry: "expiresAt" },
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFormError(null);
    const built = build(v, zone);
    if (!built.ok) return form.setErrors(built.errors);
    await form.save(
      () => callApi<{ data: RedemptionRowJson[] }>("POST", "/api/admin/redemptions", built.body),
      ["name", "count", "maxUses", "expiresAt"],
      (res) => `Created ${res.data.length} code${res.data.length === 1 ? "" : "s"}.`,
    );
  }

  return (
    <DialogForm onSubmit={submit} onCancel={onClose} label="New redemption codes" error={form.formError} errorTitle="Not created" saving={form.saving} submitLabel="Create codes">
      <FormField id={id("name")} label="Name" error={errors.name} hint="Shown in the list and in each user's balance history, e.g. “Launch promo”.">
        <Input id={id("name")} value={v.name} onChange={(e) => set("name", e.target.value)} maxLength={100} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("count")} label="How many codes" error={errors.count}>
          <Input id={id("count")} value={v.count} onChange={(e) => set("count", e.target.value)} inputMode="numeric" className="tabular-nums" />
        </FormField>
        <FormField id={id("maxUses")} label="Uses per code" error={errors.maxUses} hint="How many different users may redeem each code.">
          <Input id={id("maxUses")} value={v.maxUses} onChange={(e) => set("maxUses", e.target.value)} inputMode="numeric" className="tabular-nums" />
        </FormField>
      </div>
      <MoneyField id={id("value")} label="Value of each code" value={v.value} onChange={(value) => set("value", value)} error={errors.value} />
      <ExpiryField
        id={id("expiresAt")}
        value={v.expiresAt}
        never={v.noExpiry}
        error={errors.expiresAt}
        onChange={(t) => set("expiresAt", t)}
        onNeverChange={(n) => set("noExpiry", n)}
      />
    </DialogForm>
  );
}
