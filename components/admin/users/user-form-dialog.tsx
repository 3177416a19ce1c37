"use client";

import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/admin/api";
import { apiErrors, zodFieldErrors, type FieldErrors } from "@/components/admin/form-state";
import type { UserRow } from "@/components/admin/users/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
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
  const router = useRouter();
  const toast = useToast();
  const uid = useId();
  const [v, setV] = useState({
    email: user?.email ?? "",
    password: "",
    name: user?.name ?? "",
    role: user?.role ?? "user",
    group: user?.group ?? (groups.includes("default") ? "default" : (groups[0] ?? "")),
    status: user?.status ?? "active",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
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
    setErrors({});
    setSaving(true);
    const res = user
      ? await callApi<UserRow>("PATCH", `/api/admin/users/${user.id}`, parsed.data)
      : await callApi<UserRow>("POST", "/api/admin/users", parsed.data);
    setSaving(false);
    if (!res.ok) {
      const split = apiErrors(res, FIELDS);
      setErrors(split.fields);
      setFormError(split.form);
      return;
    }
    toast(user ? `Saved ${res.data.email}.` : `Created ${res.data.email}.`);
    onClose();
    router.refresh();
  }

  const id = (f: string) => `${uid}-${f}`;
  const aria = (f: string) => ({ "aria-invalid": errors[f] ? true : undefined, "aria-describedby": errors[f] ? `${id(f)}-error` : undefined });

  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label={user ? "Edit user" : "New user"}>
      {formError ? <Alert variant="error" title="Not saved">{formError}</Alert> : null}
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
      <div className="flex flex-wrap justify-end gap-2 border-t border-zinc-100 pt-4">
        <Button variant="outline" onClick={onClose} disabled={saving}>
          Cancel
        </Button>
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : user ? "Save user" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
