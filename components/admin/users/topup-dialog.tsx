"use client";

import { useState, type FormEvent } from "react";
import { fieldErrors, type FieldErrors } from "@/components/forms/form-state";
import { MoneyField, moneyCredits, type MoneyValue } from "@/components/forms/money-field";
import { useDialogForm } from "@/components/forms/use-dialog-form";
import type { UserRow } from "@/components/admin/users/types";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { callApi } from "@/lib/api-client";
import { formatCredits, formatUsd } from "@/lib/format";
import { topupSchema } from "@/lib/validation/users";

type Props = { open: boolean; onClose: () => void; user: UserRow };
type Direction = "add" | "deduct";

/** Adds credits to a user's wallet or deducts them, after a confirmation with the balance before and after. */
export function TopUpDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={`Credits for ${props.user.email}`}
      description={`Available now: ${formatUsd(props.user.availableBalance)} (${formatCredits(props.user.availableBalance)}).`}
      testId="topup-dialog"
    >
      {props.open ? <TopUpForm {...props} /> : null}
    </Dialog>
  );
}

/** The signed amount in credits, or the amount field's error. */
function check(direction: Direction, amount: MoneyValue): { ok: true; amount: number } | { ok: false; error: string } {
  const credits = moneyCredits(amount);
  if (credits === undefined) return { ok: false, error: "Enter an amount, e.g. $25" };
  if (Number.isNaN(credits)) return { ok: false, error: "Enter a number, e.g. 25 or $12.50" };
  if (credits <= 0) return { ok: false, error: "Enter an amount above zero; choose “Deduct” to take credits away" };
  const parsed = topupSchema.safeParse({ amount: direction === "add" ? credits : -credits });
  return parsed.success ? { ok: true, amount: parsed.data.amount } : { ok: false, error: fieldErrors(parsed.error).amount ?? "Enter a valid amount" };
}

function TopUpForm({ onClose, user }: Props) {
  const [direction, setDirection] = useState<Direction>("add");
  const [amount, setAmount] = useState<MoneyValue>({ unit: "usd", text: "" });
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState<number | null>(null);
  const form = useDialogForm<UserRow>({ onClose });
  const before = user.availableBalance;

  function changeAmount(next: MoneyValue) {
    setAmount(next);
    form.recheck("amount", () => {
      const r = check(direction, next);
      return r.ok ? ({} as FieldErrors) : { amount: r.error };
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFormError(null);
    if (confirming === null) {
      const r = check(direction, amount);
      if (!r.ok) return form.setErrors({ amount: r.error });
      return setConfirming(r.amount);
    }
    const signed = confirming;
    await form.save(
      () => callApi<UserRow>("POST", `/api/admin/users/${user.id}/topup`, { amount: signed, ...(note.trim() ? { note } : {}) }),
      ["note"],
      (saved) => `${signed > 0 ? "Added" : "Deducted"} ${formatUsd(Math.abs(signed))}. Balance: ${formatUsd(saved.balance)}.`,
    );
  }

  const after = confirming === null ? null : before + confirming;
  return (
    <DialogForm
      onSubmit={submit}
      onCancel={confirming === null ? onClose : () => setConfirming(null)}
      cancelLabel={confirming === null ? "Cancel" : "Back"}
      label="Adjust credits"
      error={form.formError}
      errorTitle="Not changed"
      saving={form.saving}
      submitLabel={confirming === null ? "Review" : direction === "add" ? "Add credits" : "Deduct credits"}
      submitVariant={confirming !== null && direction === "deduct" ? "destructive" : "default"}
    >
      {confirming === null ? (
        <>
          <FormField id={form.id("direction")} label="Action">
            <Select id={form.id("direction")} value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
              <option value="add">Add credits</option>
              <option value="deduct">Deduct credits</option>
            </Select>
          </FormField>
          <MoneyField id={form.id("amount")} label="Amount" value={amount} onChange={changeAmount} error={form.errors.amount} autoFocus />
          <FormField id={form.id("note")} label="Note (optional)" error={form.errors.note} hint="Shown in the user's balance history, e.g. an invoice number.">
            <Input id={form.id("note")} value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
          </FormField>
        </>
      ) : (
        <div className="grid gap-3" data-testid="topup-confirm">
          <p className="text-sm">
            {direction === "add" ? "Add" : "Deduct"} <strong>{formatUsd(Math.abs(confirming))}</strong> ({formatCredits(Math.abs(confirming))})
            {direction === "add" ? " to " : " from "}
            {user.email}?
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm tabular-nums">
            <dt className="text-zinc-500">Balance now</dt>
            <dd data-testid="topup-before">
              {formatUsd(before)} <span className="text-xs text-zinc-500">{formatCredits(before)}</span>
            </dd>
            <dt className="text-zinc-500">Balance after</dt>
            <dd data-testid="topup-after" className={after! < 0 ? "font-medium text-red-700" : "font-medium"}>
              {formatUsd(after!)} <span className="text-xs font-normal text-zinc-500">{formatCredits(after!)}</span>
            </dd>
          </dl>
          {note.trim() ? <p className="text-sm text-zinc-500">Note: {note.trim()}</p> : null}
          {after! < 0 ? <p className="text-sm text-red-700">Below zero: the gateway will refuse this.</p> : null}
        </div>
      )}
    </DialogForm>
  );
}
