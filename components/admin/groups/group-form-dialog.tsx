"use client";

import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/admin/api";
import { apiErrors, parseNumberInput, zodFieldErrors, type FieldErrors } from "@/components/admin/form-state";
import type { GroupRow } from "@/components/admin/groups/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
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
  const router = useRouter();
  const toast = useToast();
  const uid = useId();
  const [name, setName] = useState(group?.name ?? "");
  const [ratio, setRatio] = useState(String(group?.ratio ?? 1));
  const [description, setDescription] = useState(group?.description ?? "");
  const [selectable, setSelectable] = useState(group?.selectable ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const raw = { ...(group ? {} : { name }), ratio: parseNumberInput(ratio), description, selectable };
    const parsed = (group ? groupUpdateSchema : groupCreateSchema).safeParse(raw);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setSaving(true);
    const res = group
      ? await callApi<GroupRow>("PATCH", `/api/admin/groups/${encodeURIComponent(group.name)}`, parsed.data)
      : await callApi<GroupRow>("POST", "/api/admin/groups", parsed.data);
    setSaving(false);
    if (!res.ok) {
      const split = apiErrors(res, FIELDS);
      setErrors(split.fields);
      setFormError(split.form);
      return;
    }
    toast(group ? `Group “${res.data.name}” saved.` : `Group “${res.data.name}” created.`);
    onClose();
    router.refresh();
  }

  const id = (f: string) => `${uid}-${f}`;
  const aria = (f: string) => ({ "aria-invalid": errors[f] ? true : undefined, "aria-describedby": errors[f] ? `${id(f)}-error` : undefined });
  const multiplier = parseNumberInput(ratio);

  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label={group ? "Edit group" : "New group"}>
      {formError ? <Alert variant="error" title="Not saved">{formError}</Alert> : null}
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
      <div className="flex flex-wrap justify-end gap-2 border-t border-zinc-100 pt-4">
        <Button variant="outline" onClick={onClose} disabled={saving}>
          Cancel
        </Button>
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : group ? "Save group" : "Create group"}
        </Button>
      </div>
    </form>
  );
}
