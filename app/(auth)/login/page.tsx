import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { countUsers } from "@/lib/db/users";
import { safeCallback } from "@/lib/dashboard/callback-url";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if ((await countUsers()) === 0) redirect("/setup");
  const next = safeCallback((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(next ?? "/dashboard");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign in</CardTitle>
        <CardDescription>Manage your API tokens, usage and credits.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Suspense>
          <LoginForm />
        </Suspense>
        {getConfig().allowRegistration ? (
          <p className="text-center text-sm text-zinc-500">
            No account?{" "}
            <Link href="/register" className="font-medium text-zinc-900 underline-offset-4 hover:underline">
              Create one
            </Link>
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
