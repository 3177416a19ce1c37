"use client";

import type { FormEvent } from "react";
import { fieldErrors } from "@/components/forms/form-state";
import { useCheckedValues, useDialogForm } from "@/components/forms/use-dialog-form";
import type { UserRow } from "@/components/admin/users/types";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { callApi } from "@/lib/api-client";
import { userCreateSchema, userUpdateSchema } from "@/lib/validation/users";
import { MoneyField, moneyCredits, type MoneyValue } from "@/components/forms/money-field";
import { moneyText } from "@/lib/dashboard/money";

const FIELDS = ["email", "password", "name", "role", "group", "status", "spendLimit", "spendLimitPeriod"] as const;

type Props = { open: boolean; onClose: () => void; user?: UserRow; groups: string[] };
type Values = { email: string; password: string; name: string; role: string; group: string; status: string; spendLimit: MoneyValue; spendLimitPeriod: string };

/** Creates a user account, or changes one's profile, role, group, status or password. */
export function UserFormDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={props.user ? `Edit ${props.user.email}` : "New user"}
      description={props.user ? "Changes apply on the user's next request." : "The user signs in with this email and password."}
      testId="user-dialog"
    >
      <UserForm {...props} />
    </Dialog>
  );
}

/** The values as the API's schema reads them; on edit a blank password keeps the current one. */
function parse(v: Values, editing: boolean) {
  const { password, spendLimit: typed, ...rest } = v;
  // An empty spend limit is none; an amount that does not parse is left for the schema to refuse.
  const spendLimit = typed.text.trim() === "" ? null : (moneyCredits(typed) ?? Number.NaN);
  const values = { ...rest, spendLimit };
  return (editing ? userUpdateSchema : userCreateSchema).safeParse(editing && !password ? values : { ...values, password });
}

function UserForm({ onClose, user, groups }: Props) {
  const form = useDialogForm<UserRow>({ onClose });
  const { errors, id } = form;
  const [v, setValue] = useCheckedValues<Values>(
    {
      email: user?.email ?? "",
      password: "",
      name: user?.name ?? "",
      role: user?.role ?? "user",
      group: user?.group ?? (groups.includes("default") ? "default" : (groups[0] ?? "")),
      status: user?.status ?? "active",
      spendLimit: { unit: "usd", text: user?.spendLimit != null ? moneyText(user.spendLimit, "usd") : "" },
      spendLimitPeriod: user?.spendLimitPeriod ?? "monthly",
    },
    form.recheck,
    (next) => {
      const parsed = parse(next, !!user);
      return parsed.success ? {} : fieldErrors(parsed.error);
    },
  );
  const set = (f: Exclude<keyof Values, "spendLimit">) => (e: { target: { value: string } }) => setValue(f, e.target.value);

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setFormError(null);
    const parsed = parse(v, !!user);
    if (!parsed.success) return form.setErrors(fieldErrors(parsed.error));
    await form.save(
      () => (user ? callApi<UserRow>("PATCH", `/api/admin/users/${user.id}`, parsed.data) : callApi<UserRow>("POST", "/api/admin/users", parsed.data)),
      FIELDS,
      (saved) => (user ? `Saved ${saved.email}.` : `Created ${saved.email}.`),
    );
  }

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={user ? "Edit user" : "New user"}
      error={form.formError}
      errorTitle="Not saved"
      saving={form.saving}
      submitLabel={user ? "Save user" : "Create user"}
    >
      <FormField id={id("email")} label="Email" error={errors.email}>
        <Input id={id("email")} type="email" value={v.email} onChange={set("email")} autoComplete="off" autoFocus />
      </FormField>
      <FormField id={id("name")} label="Name" error={errors.name}>
        <Input id={id("name")} value={v.name} onChange={set("name")} autoComplete="off" />
      </FormField>
      <FormField
        id={id("password")}
        label={user ? "New password" : "Password"}
        error={errors.password}
        hint={user ? "Leave blank to keep the current password." : "At least 8 characters."}
      >
        <Input id={id("password")} type="password" value={v.password} onChange={set("password")} autoComplete="new-password" />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id={id("role")} label="Role" error={errors.role}>
          <Select id={id("role")} value={v.role} onChange={set("role")}>
            <option value="user">User</option>
            <option value="admin">Admin</option>
          </Select>
        </FormField>
        <FormField id={id("group")} label="Group" error={errors.group}>
          <Select id={id("group")} value={v.group} onChange={set("group")}>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id={id("status")} label="Status" error={errors.status}>
          <Select id={id("status")} value={v.status} onChange={set("status")}>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </Select>
        </FormField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <MoneyField
          id={id("spendLimit")}
          label="Spend limit"
          value={v.spendLimit}
          onChange={(m) => setValue("spendLimit", m)}
          error={errors.spendLimit}
          hint={v.spendLimit.text.trim() === "" ? "Empty = no limit beyond the balance." : undefined}
        />
        <FormField id={id("spendLimitPeriod")} label="Per" error={errors.spendLimitPeriod} hint="Resets at the period's start.">
          <Select id={id("spendLimitPeriod")} value={v.spendLimitPeriod} onChange={set("spendLimitPeriod")}>
            <option value="daily">Day</option>
            <option value="weekly">Week (from Monday)</option>
            <option value="monthly">Month</option>
          </Select>
        </FormField>
      </div>
    </DialogForm>
  );
}
