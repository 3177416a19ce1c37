"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { MoneyField, moneyCredits, type MoneyValue } from "@/components/forms/money-field";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { callApi } from "@/lib/api-client";
import { moneyText } from "@/lib/dashboard/money";
import { formatUsd } from "@/lib/format";

/** The credit every self-registered account starts with (0 = none). */
export function StartingCreditForm({ credits, registrationOpen }: { credits: number; registrationOpen: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [value, setValue] = useState<MoneyValue>({ unit: "usd", text: moneyText(credits, "usd") });
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const amount = moneyCredits(value);
  const invalid = amount === undefined || Number.isNaN(amount) || amount < 0 ? "Enter an amount of $0 or more" : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid) return setError(invalid);
    setSaving(true);
    const res = await callApi<{ registrationCredit: number }>("PATCH", "/api/admin/settings", { registrationCredit: amount });
    setSaving(false);
    if (!res.ok) return setError(res.message);
    toast(`New accounts start with ${formatUsd(res.data.registrationCredit)}.`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Starting credit" className="grid max-w-md gap-3">
      <MoneyField
        id="starting-credit"
        label="Starting credit for registered accounts"
        value={value}
        onChange={(next) => {
          setValue(next);
          if (error) setError(undefined);
        }}
        error={error}
        hint={registrationOpen ? "Given once, when someone registers." : "Registration is closed (ALLOW_REGISTRATION)."}
      />
      <Button type="submit" variant="outline" disabled={saving} className="justify-self-start">
        {saving ? "Saving…" : "Save starting credit"}
      </Button>
    </form>
  );
}
