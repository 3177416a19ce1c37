"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { callApi } from "@/lib/api-client";
import { formatUsd } from "@/lib/format";

/** Redeems a code for credits; the balance and the history on the page update at once. */
export function RedeemForm() {
  const router = useRouter();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!code.trim()) return setError("Enter a code");
    setBusy(true);
    const res = await callApi<{ amount: number; balance: number }>("POST", "/api/account/redeem", { code });
    setBusy(false);
    if (!res.ok) return setError(res.message.replace(/^code: /, ""));
    setError(undefined);
    setCode("");
    setDone(`Added ${formatUsd(res.data.amount)}. Your balance is now ${formatUsd(res.data.balance)}.`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="Redeem a code">
      {done ? <Alert variant="success">{done}</Alert> : null}
      <FormField id="redeem-code" label="Redemption code" error={error}>
        <Input
          id="redeem-code"
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            if (e.target.value.trim()) setError(undefined);
          }}
          placeholder="GW-XXXX-XXXX-XXXX-XXXX"
          autoComplete="off"
          spellCheck={false}
          className="font-mono uppercase placeholder:normal-case"
        />
      </FormField>
      <Button type="submit" disabled={busy} className="justify-self-start">
        {busy ? "Redeeming…" : "Redeem"}
      </Button>
    </form>
  );
}
