"use client";

import { useState, type FormEvent } from "react";
import { callApi, modelPath } from "@/components/admin/api";
import { parseNumberInput, zodFieldErrors } from "@/components/admin/form-state";
import { PricePreview } from "@/components/admin/pricing/price-preview";
import type { ModelRow } from "@/components/admin/pricing/types";
import { useAdminForm } from "@/components/admin/use-admin-form";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { modelCreateSchema, modelUpdateSchema } from "@/lib/validation/models";

const FIELDS = ["name", "modelRatio", "completionRatio", "cacheRatio", "fixedPrice", "maxOutputTokens", "enabled"] as const;

type Props = { open: boolean; onClose: () => void; model?: ModelRow };

/** Adds a model to the catalog or changes its price; shows the USD prices the ratios come to. */
export function ModelFormDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={props.model ? `Edit “${props.model.name}”` : "New model"}
      description="Ratio 1 = 1 credit per prompt token = $2 per 1M tokens."
      testId="model-dialog"
    >
      <ModelForm {...props} />
    </Dialog>
  );
}

function ModelForm({ onClose, model }: Props) {
  const [values, setValues] = useState({
    name: model?.name ?? "",
    modelRatio: String(model?.modelRatio ?? 1),
    completionRatio: String(model?.completionRatio ?? 1),
    cacheRatio: String(model?.cacheRatio ?? 1),
    fixedPrice: model?.fixedPrice == null ? "" : String(model.fixedPrice),
    maxOutputTokens: String(model?.maxOutputTokens ?? 4096),
  });
  const [enabled, setEnabled] = useState(model?.enabled ?? true);
  const { errors, setErrors, formError, setFormError, saving, id, aria, save } = useAdminForm(onClose);

  const raw = {
    ...(model ? {} : { name: values.name }),
    modelRatio: parseNumberInput(values.modelRatio),
    completionRatio: parseNumberInput(values.completionRatio),
    cacheRatio: parseNumberInput(values.cacheRatio),
    // Blank = priced by tokens (null clears a fixed price on edit).
    fixedPrice: parseNumberInput(values.fixedPrice) ?? null,
    maxOutputTokens: parseNumberInput(values.maxOutputTokens),
    enabled,
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = (model ? modelUpdateSchema : modelCreateSchema).safeParse(raw);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    await save(
      () =>
        model
          ? callApi<ModelRow>("PATCH", modelPath(model.name), parsed.data)
          : callApi<ModelRow>("POST", "/api/admin/models", parsed.data),
      FIELDS,
      (saved) => (model ? `Saved “${saved.name}”.` : `Added “${saved.name}” to the catalog.`),
    );
  }

  const field = (f: keyof typeof values, label: string, hint?: string, extra: { disabled?: boolean; placeholder?: string } = {}) => (
    <FormField id={id(f)} label={label} error={errors[f]} hint={hint}>
      <Input
        id={id(f)}
        value={values[f]}
        onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
        inputMode={f === "name" ? undefined : "decimal"}
        spellCheck={false}
        className={f === "name" ? "font-mono" : "tabular-nums"}
        {...aria(f)}
        {...extra}
      />
    </FormField>
  );
  const preview = {
    modelRatio: raw.modelRatio ?? 0,
    completionRatio: raw.completionRatio ?? 1,
    cacheRatio: raw.cacheRatio ?? 1,
    fixedPrice: raw.fixedPrice,
  };

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={model ? "Edit model" : "New model"}
      error={formError}
      errorTitle="Not saved"
      saving={saving}
      submitLabel={model ? "Save model" : "Add model"}
    >
      {field("name", "Model name", model ? "Models cannot be renamed." : "As clients send it, e.g. gpt-4o or meta-llama/Llama-3.1-8B", {
        disabled: !!model,
        placeholder: "gpt-4o-mini",
      })}
      <div className="grid gap-4 sm:grid-cols-3">
        {field("modelRatio", "Model ratio", "Input price ÷ $2 per 1M")}
        {field("completionRatio", "Completion ratio", "Output ÷ input price")}
        {field("cacheRatio", "Cache ratio", "Cached ÷ input price")}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {field("fixedPrice", "Fixed price (USD per call)", "Blank = priced by tokens", { placeholder: "—" })}
        {field("maxOutputTokens", "Max output tokens", "Reserved when a request sets no max_tokens")}
      </div>
      <div className="rounded-lg border border-zinc-200 bg-zinc-50 p-3" aria-live="polite" data-testid="model-price-preview">
        <p className="mb-1.5 text-xs font-medium tracking-wide text-zinc-500 uppercase">Price at group ratio 1</p>
        <PricePreview model={preview} />
      </div>
      <div className="flex items-center gap-3">
        <Switch id={id("enabled")} checked={enabled} onCheckedChange={setEnabled} aria-label="Enabled" />
        <label htmlFor={id("enabled")} className="text-sm">
          Enabled (callable by tokens)
        </label>
      </div>
    </DialogForm>
  );
}
