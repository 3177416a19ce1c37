"use client";

import type { FormEvent } from "react";
import { ExpiryField } from "@/components/forms/expiry-field";
import { MoneyField } from "@/components/forms/money-field";
import { useCheckedValues, useDialogForm } from "@/components/forms/use-dialog-form";
import { useTimeZone } from "@/components/layout/time-zone";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ModelPicker } from "@/components/tokens/model-picker";
import { buildBody, initialValues, ipsError, TOKEN_FIELDS, type TokenFormValues } from "@/components/tokens/token-form-state";
import type { TokenRow } from "@/components/tokens/types";
import { callApi } from "@/lib/api-client";
import type { TokenGroupOption } from "@/lib/dashboard/token-options";
import { LimitsSection } from "@/components/tokens/limits-section";

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

// Which field's error a changed input may clear.
const FIELD_OF: Partial<Record<keyof TokenFormValues, string>> = { unlimited: "quota", noExpiry: "expiresAt", ips: "allowedIps" };

function TokenForm({ onClose, token, groups, onSaved }: TokenFormDialogProps) {
  const zone = useTimeZone();
  const form = useDialogForm<TokenRow & { key?: string }>({ onClose, onSaved });
  const [v, set, setV] = useCheckedValues<TokenFormValues>(
    () => initialValues(token, groups[0]?.name ?? "default", zone),
    form.recheck,
    (next) => {
      const built = buildBody(next, zone, groups.find((g) => g.name === next.group)?.limits);
      return built.ok ? {} : built.errors;
    },
    FIELD_OF,
  );
  const { errors } = form;
  const selected = groups.find((g) => g.name === v.group);
  const available = selected?.models ?? [];
  const ipError = ipsError(v.ips);

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFormError(null);
    const built = buildBody(v, zone, selected?.limits);
    if (!built.ok) return form.setErrors(built.errors);
    await form.save(
      () => (token ? callApi<TokenRow>("PATCH", `/api/tokens/${token.id}`, built.body) : callApi<TokenRow & { key: string }>("POST", "/api/tokens", built.body)),
      TOKEN_FIELDS,
      (saved) => (token ? `Saved “${saved.name}”.` : `Created “${saved.name}”.`),
    );
  }

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={token ? "Edit token" : "Create token"}
      error={form.formError}
      errorTitle="Could not save the token"
      saving={form.saving}
      submitLabel={token ? "Save changes" : "Create token"}
      submitDisabled={!!ipError}
      className="gap-5"
    >
      <FormField id={form.id("name")} label="Name" error={errors.name}>
        <Input id={form.id("name")} value={v.name} onChange={(e) => set("name", e.target.value)} placeholder="e.g. Production backend" maxLength={100} autoFocus />
      </FormField>

      <div className="grid gap-5 sm:grid-cols-2">
        <div className="grid content-start gap-2">
          <MoneyField
            id={form.id("quota")}
            label="Quota"
            value={v.quota}
            onChange={(q) => set("quota", q)}
            disabled={v.unlimited}
            error={errors.quota}
            hint={v.unlimited ? "Unlimited: only the balance limits it." : undefined}
          />
          <label className="flex items-center gap-2 text-sm">
            <Checkbox checked={v.unlimited} onChange={(e) => set("unlimited", e.target.checked)} />
            Unlimited
          </label>
          <FormField
            id={form.id("quotaPeriod")}
            label="Quota resets"
            error={errors.quotaPeriod}
            hint={v.quotaPeriod === "none" ? "The quota covers the token's whole life." : "The quota applies to each period, from its first minute (UTC unless configured)."}
          >
            <Select id={form.id("quotaPeriod")} value={v.quotaPeriod} onChange={(e) => set("quotaPeriod", e.target.value as TokenFormValues["quotaPeriod"])}>
              <option value="none">Never (lifetime)</option>
              <option value="daily">Every day</option>
              <option value="weekly">Every week (Monday)</option>
              <option value="monthly">Every month</option>
            </Select>
          </FormField>
        </div>

        <ExpiryField
          id={form.id("expiresAt")}
          value={v.expiresAt}
          never={v.noExpiry}
          error={errors.expiresAt}
          onChange={(t) => set("expiresAt", t)}
          onNeverChange={(n) => set("noExpiry", n)}
        />
      </div>

      <FormField id={form.id("group")} label="Group" error={errors.group} hint="Sets the models the token can reach and their price.">
        <Select
          id={form.id("group")}
          value={v.group}
          onChange={(e) => {
            const next = groups.find((g) => g.name === e.target.value);
            setV((s) => ({ ...s, group: e.target.value, allowedModels: s.allowedModels.filter((m) => next?.models.includes(m)) }));
          }}
        >
          {groups.map((g) => (
            <option key={g.name} value={g.name}>
              {g.name} (×{g.ratio}){g.description ? ` · ${g.description}` : ""}
            </option>
          ))}
        </Select>
      </FormField>

      <LimitsSection
        idOf={form.id}
        values={v.limits}
        ceiling={selected?.limits}
        group={v.group}
        errors={errors}
        onChange={(field, text) => {
          const next = { ...v, limits: { ...v.limits, [field]: text } };
          setV(next);
          form.recheck(field, () => {
            const built = buildBody(next, zone, selected?.limits);
            return built.ok ? {} : built.errors;
          });
        }}
      />

      <ModelPicker available={available} value={v.allowedModels} onChange={(m) => set("allowedModels", m)} error={errors.allowedModels} />

      <FormField
        id={form.id("allowedIps")}
        label="Allowed IPs"
        error={ipError ?? errors.allowedIps}
        hint="IPv4, IPv6 or CIDR ranges, one per line or comma-separated. Empty = any address."
      >
        <Textarea
          id={form.id("allowedIps")}
          value={v.ips}
          onChange={(e) => set("ips", e.target.value)}
          placeholder={"203.0.113.7\n10.0.0.0/8"}
          rows={3}
          className="font-mono text-xs"
          spellCheck={false}
        />
      </FormField>
    </DialogForm>
  );
}
