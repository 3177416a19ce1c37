"use client";

import { useState, type FormEvent } from "react";
import { callApi } from "@/components/admin/api";
import { zodFieldErrors } from "@/components/admin/form-state";
import { useAdminForm } from "@/components/admin/use-admin-form";
import type { UserRow } from "@/components/admin/users/types";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { userCreateSchema, userUpdateSchema } from "@/lib/validation/users";

const FIELDS = ["email", "password", "name", "role", "group", "status"] as const;

type Props = { open: boolean; onClose: () => void; user?: UserRow; groups: string[] };

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

function UserForm({ onClose, user, groups }: Props) {
  const [v, setV] = useState({
    email: user?.email ?? "",
    password: "",
    name: user?.name ?? "",
    role: user?.role ?? "user",
    group: user?.group ?? (groups.includes("default") ? "default" : (groups[0] ?? "")),
    status: user?.status ?? "active",
  });
  const { errors, setErrors, formError, setFormError, saving, id, aria, save } = useAdminForm(onClose);
  const set = (f: keyof typeof v) => (e: { target: { value: string } }) => setV((cur) => ({ ...cur, [f]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const { password, ...rest } = v;
    // On edit a blank password keeps the current one.
    const raw = user && !password ? rest : v;
    const parsed = (user ? userUpdateSchema : userCreateSchema).safeParse(raw);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    await save(
      () =>
        user
          ? callApi<UserRow>("PATCH", `/api/admin/users/${user.id}`, parsed.data)
          : callApi<UserRow>("POST", "/api/admin/users", parsed.data),
      FIELDS,
      (saved) => (user ? `Saved ${saved.email}.` : `Created ${saved.email}.`),
    );
  }


  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      label={user ? "Edit user" : "New user"}
      error={formError}
      errorTitle="Not saved"
      saving={saving}
      submitLabel={user ? "Save user" : "Create user"}
    >
      <FormField id={id("email")} label="Email" error={errors.email}>
        <Input id={id("email")} type="email" value={v.email} onChange={set("email")} autoComplete="off" autoFocus {...aria("email")} />
      </FormField>
      <FormField id={id("name")} label="Name" error={errors.name}>
        <Input id={id("name")} value={v.name} onChange={set("name")} autoComplete="off" {...aria("name")} />
      </FormField>
      <FormField
        id={id("password")}
        label={user ? "New password" : "Password"}
        error={errors.password}
        hint={user ? "Leave blank to keep the current password." : "At least 8 characters."}
      >
        <Input id={id("password")} type="password" value={v.password} onChange={set("password")} autoComplete="new-password" {...aria("password")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id={id("role")} label="Role" error={errors.role}>
          <Select id={id("role")} value={v.role} onChange={set("role")} {...aria("role")}>
            <option value="user">User</option>
            <option value="admin">Admin</option>
          </Select>
        </FormField>
        <FormField id={id("group")} label="Group" error={errors.group}>
          <Select id={id("group")} value={v.group} onChange={set("group")} {...aria("group")}>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id={id("status")} label="Status" error={errors.status}>
          <Select id={id("status")} value={v.status} onChange={set("status")} {...aria("status")}>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </Select>
        </FormField>
      </div>
    </DialogForm>
  );
}
