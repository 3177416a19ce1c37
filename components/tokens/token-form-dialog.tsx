"use client";

import { useState, type FormEvent } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ModelPicker } from "@/components/tokens/model-picker";
import { buildBody, initialValues, ipsError, type TokenFormValues } from "@/components/tokens/token-form-state";
import type { TokenRow } from "@/components/tokens/types";
import { apiFetch, ApiRequestError } from "@/lib/api-client";
import type { TokenGroupOption } from "@/lib/dashboard/token-options";
import { formatCredits, formatUsd } from "@/lib/format";

export type TokenFormDialogProps = {
  open: boolean;
  onClose: () => void;
  /** null = create a new token */
  token: TokenRow | null;
  groups: TokenGroupOption[];
  onSaved: (token: TokenRow & { key?: string }) => void;
};

/** Create or edit a token with every property; the dialog keeps its inputs when saving fails. */
export function TokenFormDialog(props: TokenFormDialogProps) {
  const { open, onClose, token } = props;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={token ? `Edit “${token.name}”` : "New token"}
      description={token ? "Changes apply to the next request made with this key." : "The key is shown once, right after you create it."}
      className="max-w-xl"
      testId="token-form-dialog"
    >
      {open ? <TokenForm key={token?.id ?? "new"} {...props} /> : null}
    </Dialog>
  );
}

function TokenForm({ onClose, token, groups, onSaved }: TokenFormDialogProps) {
  const [v, setV] = useState<TokenFormValues>(() => initialValues(token, groups[0]?.name ?? "default"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof TokenFormValues>(key: K, value: TokenFormValues[K]) => {
    setV((s) => ({ ...s, [key]: value }));
    // Editing a field clears its stale message; the next submit checks everything again.
    const field = key === "unlimited" ? "quota" : key === "noExpiry" ? "expiresAt" : key === "ips" ? "allowedIps" : key;
    setErrors(({ [field]: _, ...rest }) => rest);
  };
  const available = groups.find((g) => g.name === v.group)?.models ?? [];
  const ipError = ipsError(v.ips);
  const quotaNumber = Number(v.quota.replace(/[,_\s]/g, ""));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const built = buildBody(v);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = token
        ? await apiFetch<TokenRow>(`/api/tokens/${token.id}`, { method: "PATCH", body: built.body })
        : await apiFetch<TokenRow & { key: string }>("/api/tokens", { method: "POST", body: built.body });
      onSaved(saved);
    } catch (err) {
      const message = err instanceof Error ? err.message : "Saving failed.";
      const field = err instanceof ApiRequestError ? err.param?.split(".")[0] : undefined;
      if (field && field in v) setErrors({ [field]: message });
      setFormError(message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={token ? "Edit token" : "Create token"}
      error={formError}
      errorTitle="Could not save the token"
      saving={saving}
      submitLabel={token ? "Save changes" : "Create token"}
      submitDisabled={!!ipError}
      className="gap-5"
    >
      <FormField id="token-name" label="Name" error={errors.name}>
        <Input
          id="token-name"
          value={v.name}
          onChange={(e) => set("name", e.target.value)}
          placeholder="e.g. Production backend"
          maxLength={100}
          aria-invalid={!!errors.name}
          autoFocus
        />
      </FormField>

      <div className="grid gap-5 sm:grid-cols-2">
        <fieldset className="grid content-start gap-2">
          <legend className="mb-1.5 text-sm font-medium">Quota (credits)</legend>
          <label className="flex items-center gap-2 text-sm">
            <Checkbox checked={v.unlimited} onChange={(e) => set("unlimited", e.target.checked)} />
            Unlimited
          </label>
          <Input
            id="token-quota"
            inputMode="numeric"
            value={v.quota}
            onChange={(e) => set("quota", e.target.value)}
            disabled={v.unlimited}
            placeholder="e.g. 1,000,000"
            aria-label="Quota in credits"
            aria-invalid={!!errors.quota}
          />
          {errors.quota ? (
            <p className="text-xs text-red-600" role="alert">{errors.quota}</p>
          ) : (
            <p className="text-xs text-zinc-500">
              {v.unlimited
                ? "Limited only by your balance."
                : Number.isFinite(quotaNumber) && v.quota.trim()
                  ? `${formatCredits(quotaNumber)} credits ≈ ${formatUsd(quotaNumber)}`
                  : "500,000 credits = $1"}
            </p>
          )}
        </fieldset>

        <fieldset className="grid content-start gap-2">
          <legend className="mb-1.5 text-sm font-medium">Expires</legend>
          <label className="flex items-center gap-2 text-sm">
            <Checkbox checked={v.noExpiry} onChange={(e) => set("noExpiry", e.target.checked)} />
            Never
          </label>
          <Input
            id="token-expires"
            type="datetime-local"
            value={v.expiresAt}
            onChange={(e) => set("expiresAt", e.target.value)}
            disabled={v.noExpiry}
            aria-label="Expiry date and time"
            aria-invalid={!!errors.expiresAt}
          />
          {errors.expiresAt ? (
            <p className="text-xs text-red-600" role="alert">{errors.expiresAt}</p>
          ) : (
            <p className="text-xs text-zinc-500">In your time zone.</p>
          )}
        </fieldset>
      </div>

      <FormField id="token-group" label="Group" error={errors.group} hint="Sets the models the token can reach and their price.">
        <Select
          id="token-group"
          value={v.group}
          onChange={(e) => {
            const next = groups.find((g) => g.name === e.target.value);
            setV((s) => ({ ...s, group: e.target.value, allowedModels: s.allowedModels.filter((m) => next?.models.includes(m)) }));
          }}
          aria-invalid={!!errors.group}
        >
          {groups.map((g) => (
            <option key={g.name} value={g.name}>
              {g.name} (×{g.ratio}){g.description ? ` · ${g.description}` : ""}
            </option>
          ))}
        </Select>
      </FormField>

      <ModelPicker available={available} value={v.allowedModels} onChange={(m) => set("allowedModels", m)} error={errors.allowedModels} />

      <FormField
        id="token-ips"
        label="Allowed IPs"
        error={ipError ?? errors.allowedIps}
        hint="IPv4, IPv6 or CIDR ranges, one per line or comma-separated. Empty = any address."
      >
        <Textarea
          id="token-ips"
          value={v.ips}
          onChange={(e) => set("ips", e.target.value)}
          placeholder={"203.0.113.7\n10.0.0.0/8"}
          rows={3}
          className="font-mono text-xs"
          spellCheck={false}
          aria-invalid={!!(ipError ?? errors.allowedIps)}
        />
      </FormField>
    </DialogForm>
  );
}
