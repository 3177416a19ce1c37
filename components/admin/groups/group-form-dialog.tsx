"use client";

import { useState, type FormEvent } from "react";
import { callApi } from "@/components/admin/api";
import { parseNumberInput, zodFieldErrors } from "@/components/admin/form-state";
import type { GroupRow } from "@/components/admin/groups/types";
import { useAdminForm } from "@/components/admin/use-admin-form";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { groupCreateSchema, groupUpdateSchema } from "@/lib/validation/groups";

const FIELDS = ["name", "ratio", "description", "selectable"] as const;

type Props = { open: boolean; onClose: () => void; group?: GroupRow };

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

function GroupForm({ onClose, group }: Props) {
  const [name, setName] = useState(group?.name ?? "");
  const [ratio, setRatio] = useState(String(group?.ratio ?? 1));
  const [description, setDescription] = useState(group?.description ?? "");
  const [selectable, setSelectable] = useState(group?.selectable ?? false);
  const { errors, setErrors, formError, setFormError, saving, id, aria, save } = useAdminForm(onClose);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const raw = { ...(group ? {} : { name }), ratio: parseNumberInput(ratio), description, selectable };
    const parsed = (group ? groupUpdateSchema : groupCreateSchema).safeParse(raw);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    await save(
      () =>
        group
          ? callApi<GroupRow>("PATCH", `/api/admin/groups/${encodeURIComponent(group.name)}`, parsed.data)
          : callApi<GroupRow>("POST", "/api/admin/groups", parsed.data),
      FIELDS,
      (saved) => (group ? `Group “${saved.name}” saved.` : `Group “${saved.name}” created.`),
    );
  }

  const multiplier = parseNumberInput(ratio);

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={group ? "Edit group" : "New group"}
      error={formError}
      errorTitle="Not saved"
      saving={saving}
      submitLabel={group ? "Save group" : "Create group"}
    >
      <FormField id={id("name")} label="Name" error={errors.name} hint={group ? "Groups cannot be renamed." : "Letters, digits, '.', '_' or '-'"}>
        <Input id={id("name")} value={name} onChange={(e) => setName(e.target.value)} disabled={!!group} className="font-mono" {...aria("name")} />
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
        <Input id={id("ratio")} value={ratio} onChange={(e) => setRatio(e.target.value)} inputMode="decimal" className="tabular-nums" autoFocus={!!group} {...aria("ratio")} />
      </FormField>
      <FormField id={id("description")} label="Description" error={errors.description}>
        <Textarea id={id("description")} value={description} onChange={(e) => setDescription(e.target.value)} rows={2} {...aria("description")} />
      </FormField>
      <div className="flex items-center gap-3">
        <Switch id={id("selectable")} checked={selectable} onCheckedChange={setSelectable} aria-label="Selectable by users" />
        <label htmlFor={id("selectable")} className="text-sm">
          Selectable: users may put their own tokens in this group
        </label>
      </div>
    </DialogForm>
  );
}
