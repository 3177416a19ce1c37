"use client";

import { useState, type FormEvent } from "react";
import { callApi } from "@/components/admin/api";
import { parseNumberInput, zodFieldErrors } from "@/components/admin/form-state";
import { useAdminForm } from "@/components/admin/use-admin-form";
import type { UserRow } from "@/components/admin/users/types";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CREDITS_PER_USD, formatCredits, formatUsd } from "@/lib/format";
import { topupSchema } from "@/lib/validation/users";

type Props = { open: boolean; onClose: () => void; user: UserRow };

/** Adds credits to a user's wallet or deducts them (never below 0: the API refuses, and says so). */
export function TopUpDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={`Credits for ${props.user.email}`}
      description={`Available now: ${formatCredits(props.user.availableBalance)} credits (${formatUsd(props.user.availableBalance)}).`}
      testId="topup-dialog"
    >
      <TopUpForm {...props} />
    </Dialog>
  );
}

function TopUpForm({ onClose, user }: Props) {
  const [direction, setDirection] = useState<"add" | "deduct">("add");
  const [unit, setUnit] = useState<"credits" | "usd">("credits");
  const [amount, setAmount] = useState("");
  const { errors, setErrors, formError, setFormError, saving, id, aria, save } = useAdminForm(onClose);

  const typed = parseNumberInput(amount);
  const credits = typed === undefined || Number.isNaN(typed) ? undefined : Math.round(unit === "usd" ? typed * CREDITS_PER_USD : typed);
  const signed = credits === undefined ? undefined : direction === "add" ? credits : -credits;
  const after = signed === undefined ? undefined : user.availableBalance + signed;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    if (typed === undefined || Number.isNaN(typed)) {
      setErrors({ amount: typed === undefined ? "Enter an amount" : "Enter a number, e.g. 5000000" });
      return;
    }
    if (credits !== undefined && credits < 0) {
      setErrors({ amount: "Enter a positive amount; choose “Deduct” to take credits away" });
      return;
    }
    const parsed = topupSchema.safeParse({ amount: signed ?? Number.NaN });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    await save(
      () => callApi<UserRow>("POST", `/api/admin/users/${user.id}/topup`, parsed.data),
      ["amount"],
      (saved) =>
        `${direction === "add" ? "Added" : "Deducted"} ${formatCredits(Math.abs(parsed.data.amount))} credits. Balance: ${formatCredits(saved.balance)}.`,
    );
  }

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label="Adjust credits"
      error={formError}
      errorTitle="Not changed"
      saving={saving}
      submitLabel={direction === "add" ? "Add credits" : "Deduct credits"}
      submitVariant={direction === "deduct" ? "destructive" : "default"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("direction")} label="Action">
          <Select id={id("direction")} value={direction} onChange={(e) => setDirection(e.target.value as "add" | "deduct")}>
            <option value="add">Add credits</option>
            <option value="deduct">Deduct credits</option>
          </Select>
        </FormField>
        <FormField id={id("unit")} label="Unit">
          <Select id={id("unit")} value={unit} onChange={(e) => setUnit(e.target.value as "credits" | "usd")}>
            <option value="credits">Credits</option>
            <option value="usd">US dollars</option>
          </Select>
        </FormField>
      </div>
      <FormField
        id={id("amount")}
        label={unit === "usd" ? "Amount (USD)" : "Amount (credits)"}
        error={errors.amount}
        hint={
          credits !== undefined && after !== undefined
            ? `${formatCredits(credits)} credits (${formatUsd(credits)}). Balance after: ${formatCredits(after)} credits${after < 0 ? " — below zero, will be refused" : ""}.`
            : `${formatCredits(CREDITS_PER_USD)} credits = $1.`
        }
      >
        <Input
          id={id("amount")}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          inputMode="decimal"
          className="tabular-nums"
          placeholder={unit === "usd" ? "10.00" : "5,000,000"}
          autoFocus
          {...aria("amount")}
        />
      </FormField>
    </DialogForm>
  );
}
