import Link from "next/link";
import { notFound } from "next/navigation";
import { SignupForm } from "@/components/auth/signup-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getConfig } from "@/lib/config";
import { registerAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create account" };

export default function RegisterPage() {
  if (!getConfig().allowRegistration) notFound();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Create an account</CardTitle>
        <CardDescription>Get API tokens for this gateway.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <SignupForm action={registerAction} submitLabel="Create account" />
        <p className="text-center text-sm text-zinc-500">
          Already registered?{" "}
          <Link href="/login" className="font-medium text-zinc-900 underline-offset-4 hover:underline">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
