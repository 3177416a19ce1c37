"use client";

import { useActionState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import type { SignupState } from "@/app/(auth)/actions";

type Props = {
  action: (state: SignupState, form: FormData) => Promise<SignupState>;
  submitLabel: string;
};

/** Email, name and password; used by first-run setup and by registration. Once the account exists, signs in with it. */
export function SignupForm({ action, submitLabel }: Props) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(async (prev: SignupState, form: FormData): Promise<SignupState> => {
    const next = await action(prev, form);
    if (!next.done) return next;
    const result = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
    if (!result || result.error) {
      router.replace("/login");
      return next;
    }
    router.replace("/dashboard");
    router.refresh();
    return next;
  }, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormField id="name" label="Name" error={errors.name}>
        <Input id="name" name="name" autoComplete="name" defaultValue={state.values?.name} autoFocus />
      </FormField>
      <FormField id="email" label="Email" error={errors.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </FormField>
      <FormField id="password" label="Password" error={errors.password} hint="At least 8 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </FormField>
      {state.error ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending || state.done}>
        {pending || state.done ? "Signing you in…" : submitLabel}
      </Button>
    </form>
  );
}
