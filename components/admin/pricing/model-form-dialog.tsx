"use client";

import type { FormEvent } from "react";
import { modelPath } from "@/components/admin/pricing/model-path";
import { buildModelBody, priceFormValues, ratiosOf, type PriceFormValues } from "@/components/admin/pricing/price-form";
import type { ModelRow } from "@/components/admin/pricing/types";
import { useCheckedValues, useDialogForm } from "@/components/forms/use-dialog-form";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { callApi } from "@/lib/api-client";
import { formatRatio } from "@/lib/format";

type Props = { open: boolean; onClose: () => void; model?: ModelRow };

/** Adds a model to the catalog or changes its price, typed in dollars per 1M tokens (or per call). */
export function ModelFormDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={props.model ? `Edit “${props.model.name}”` : "New model"}
      description="Prices at group ratio 1, as the provider lists them; the gateway's ratios follow from them."
      testId="model-dialog"
    >
      <ModelForm {...props} />
    </Dialog>
  );
}

function ModelForm({ onClose, model }: Props) {
  const form = useDialogForm<ModelRow>({ onClose });
  const { errors, id } = form;
  const [v, set] = useCheckedValues<PriceFormValues>(
    () => priceFormValues(model),
    form.recheck,
    (next) => {
      const built = buildModelBody(next, !!model);
      return built.ok ? {} : built.errors;
    },
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFormError(null);
    const built = buildModelBody(v, !!model);
    if (!built.ok) return form.setErrors(built.errors);
    await form.save(
      () => (model ? callApi<ModelRow>("PATCH", modelPath(model.name), built.body) : callApi<ModelRow>("POST", "/api/admin/models", built.body)),
      ["name", "maxOutputTokens", "contextWindow"],
      (saved) => (model ? `Saved “${saved.name}”.` : `Added “${saved.name}” to the catalog.`),
    );
  }

  const price = (f: "input" | "output" | "cached" | "cacheWrite" | "cacheWrite1h" | "perCall", label: string, hint?: string) => (
    <FormField id={id(f)} label={label} error={errors[f]} hint={hint}>
      <div className="relative">
        <span className="pointer-events-none absolute top-2 left-3 text-sm text-zinc-500" aria-hidden>
          $
        </span>
        <Input id={id(f)} value={v[f]} onChange={(e) => set(f, e.target.value)} inputMode="decimal" className="pl-6 tabular-nums" />
      </div>
    </FormField>
  );
  const ratios = ratiosOf(v);
  const shown = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "—" : formatRatio(n));

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={model ? "Edit model" : "New model"}
      error={form.formError}
      errorTitle="Not saved"
      saving={form.saving}
      submitLabel={model ? "Save model" : "Add model"}
    >
      <FormField id={id("name")} label="Model name" error={errors.name} hint={model ? "Models cannot be renamed." : "As clients send it, e.g. gpt-4o or meta-llama/Llama-3.1-8B"}>
        <Input
          id={id("name")}
          value={v.name}
          onChange={(e) => set("name", e.target.value)}
          disabled={!!model}
          placeholder="gpt-4o-mini"
          spellCheck={false}
          className="font-mono"
          autoFocus={!model}
        />
      </FormField>
      <FormField id={id("billing")} label="Billing">
        <Select id={id("billing")} value={v.billing} onChange={(e) => set("billing", e.target.value as PriceFormValues["billing"])} autoFocus={!!model}>
          <option value="tokens">Per token (input and output priced per 1M)</option>
          <option value="call">Per call (a fixed price, whatever the tokens)</option>
        </Select>
      </FormField>
      {v.billing === "tokens" ? (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            {price("input", "Input $ / 1M tokens")}
            {price("output", "Output $ / 1M tokens", "Blank = the input price")}
            {price("cached", "Cached input $ / 1M", "Blank = the input price")}
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            {price("cacheWrite", "Cache write $ / 1M", "Blank = 1.25 × the input price")}
            {price("cacheWrite1h", "Cache write, 1 hour, $ / 1M", "Blank = 2 × the input price")}
          </div>
          <p className="rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-xs text-zinc-600 tabular-nums" aria-live="polite" data-testid="model-ratios">
            Ratios: model {shown(ratios.modelRatio)} · completion {shown(ratios.completionRatio)} · cache {shown(ratios.cacheRatio)}
            {ratios.cacheWriteRatio != null ? ` · cache write ${shown(ratios.cacheWriteRatio)}` : ""}
            {ratios.cacheWrite1hRatio != null ? ` · 1 h ${shown(ratios.cacheWrite1hRatio)}` : ""}
          </p>
        </>
      ) : (
        price("perCall", "Price per call ($)")
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("maxOutputTokens")} label="Max output tokens" error={errors.maxOutputTokens} hint="Reserved when a request sets no max_tokens.">
          <Input id={id("maxOutputTokens")} value={v.maxOutputTokens} onChange={(e) => set("maxOutputTokens", e.target.value)} inputMode="numeric" className="tabular-nums" />
        </FormField>
        <FormField id={id("contextWindow")} label="Context window (tokens)" error={errors.contextWindow} hint="The most prompt tokens it takes; blank = unknown.">
          <Input id={id("contextWindow")} value={v.contextWindow} onChange={(e) => set("contextWindow", e.target.value)} inputMode="numeric" className="tabular-nums" />
        </FormField>
      </div>
      <div className="flex items-center gap-3">
        <Switch id={id("enabled")} checked={v.enabled} onCheckedChange={(on) => set("enabled", on)} aria-label="Enabled" />
        <label htmlFor={id("enabled")} className="text-sm">
          Enabled (callable by tokens)
        </label>
      </div>
    </DialogForm>
  );
}
