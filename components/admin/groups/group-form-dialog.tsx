"use client";

import type { FormEvent } from "react";
import { fieldErrors, parseNumberInput } from "@/components/forms/form-state";
import { useCheckedValues, useDialogForm } from "@/components/forms/use-dialog-form";
import type { GroupRow } from "@/components/admin/groups/types";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { callApi } from "@/lib/api-client";
import { groupCreateSchema, groupUpdateSchema } from "@/lib/validation/groups";
import { LIMIT_FIELDS, LIMIT_LABELS, type LimitField } from "@/lib/validation/limits";

const FIELDS = ["name", "ratio", "description", "selectable", ...LIMIT_FIELDS] as const;

type Props = { open: boolean; onClose: () => void; group?: GroupRow };
type Values = { name: string; ratio: string; description: string; selectable: boolean } & Record<LimitField, string>;

/** A limit as typed: empty = none. */
const limitValue = (text: string) => (text.trim() === "" ? null : parseNumberInput(text.replace(/[,_\s]/g, "")));

/** Creates a pricing group or changes its ratio, description and selectability. */
export function GroupFormDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={props.group ? `Edit group “${props.group.name}”` : "New group"}
      description="A group's ratio multiplies every model price for its members' tokens."
      testId="group-dialog"
    >
      <GroupForm {...props} />
    </Dialog>
  );
}

function parse(v: Values, editing: boolean) {
  const raw = {
    ...(editing ? {} : { name: v.name }),
    ratio: parseNumberInput(v.ratio),
    description: v.description,
    selectable: v.selectable,
    rpmLimit: limitValue(v.rpmLimit),
    tpmLimit: limitValue(v.tpmLimit),
    concurrencyLimit: limitValue(v.concurrencyLimit),
  };
  return (editing ? groupUpdateSchema : groupCreateSchema).safeParse(raw);
}

function GroupForm({ onClose, group }: Props) {
  const form = useDialogForm<GroupRow>({ onClose });
  const { errors, id } = form;
  const [v, set] = useCheckedValues<Values>(
    {
      name: group?.name ?? "",
      ratio: String(group?.ratio ?? 1),
      description: group?.description ?? "",
      selectable: group?.selectable ?? false,
      rpmLimit: group?.rpmLimit?.toString() ?? "",
      tpmLimit: group?.tpmLimit?.toString() ?? "",
      concurrencyLimit: group?.concurrencyLimit?.toString() ?? "",
    },
    form.recheck,
    (next) => {
      const parsed = parse(next, !!group);
      return parsed.success ? {} : fieldErrors(parsed.error);
    },
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFormError(null);
    const parsed = parse(v, !!group);
    if (!parsed.success) return form.setErrors(fieldErrors(parsed.error));
    await form.save(
      () =>
        group
          ? callApi<GroupRow>("PATCH", `/api/admin/groups/${encodeURIComponent(group.name)}`, parsed.data)
          : callApi<GroupRow>("POST", "/api/admin/groups", parsed.data),
      FIELDS,
      (saved) => (group ? `Group “${saved.name}” saved.` : `Group “${saved.name}” created.`),
    );
  }

  const multiplier = parseNumberInput(v.ratio);

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={group ? "Edit group" : "New group"}
      error={form.formError}
      errorTitle="Not saved"
      saving={form.saving}
      submitLabel={group ? "Save group" : "Create group"}
    >
      <FormField id={id("name")} label="Name" error={errors.name} hint={group ? "Groups cannot be renamed." : "Letters, digits, '.', '_' or '-'"}>
        <Input id={id("name")} value={v.name} onChange={(e) => set("name", e.target.value)} disabled={!!group} className="font-mono" autoFocus={!group} />
      </FormField>
      <FormField
        id={id("ratio")}
        label="Pricing ratio"
        error={errors.ratio}
        hint={
          multiplier !== undefined && Number.isFinite(multiplier) && multiplier >= 0
            ? `Members pay ${multiplier === 1 ? "list price" : `${multiplier}× list price`}.`
            : "1 = list price, 0.5 = half, 2 = double."
        }
      >
        <Input id={id("ratio")} value={v.ratio} onChange={(e) => set("ratio", e.target.value)} inputMode="decimal" className="tabular-nums" autoFocus={!!group} />
      </FormField>
      <FormField id={id("description")} label="Description" error={errors.description}>
        <Textarea id={id("description")} value={v.description} onChange={(e) => set("description", e.target.value)} rows={2} />
      </FormField>
      <fieldset className="grid items-start gap-3 sm:grid-cols-3" data-testid="group-limits">
        <legend className="mb-2 text-sm font-medium">Limits for every token in the group (empty = none)</legend>
        {LIMIT_FIELDS.map((f) => (
          <FormField key={f} id={id(f)} label={LIMIT_LABELS[f].label} error={errors[f]} hint={LIMIT_LABELS[f].unit}>
            <Input id={id(f)} value={v[f]} onChange={(e) => set(f, e.target.value)} inputMode="numeric" placeholder="No limit" className="tabular-nums" />
          </FormField>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Switch id={id("selectable")} checked={v.selectable} onCheckedChange={(on) => set("selectable", on)} aria-label="Selectable by users" />
        <label htmlFor={id("selectable")} className="text-sm">
          Selectable: users may put their own tokens in this group
        </label>
      </div>
    </DialogForm>
  );
}
