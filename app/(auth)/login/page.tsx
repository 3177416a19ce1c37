import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { countUsers } from "@/lib/db/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  if ((await countUsers()) === 0) redirect("/setup");
  if (await getSessionUser()) redirect("/dashboard");
  const params = await searchParams;
  const notice =
    params.setup === "done"
      ? "Your admin account is ready. Sign in to continue."
      : params.registered
        ? "Your account is ready. Sign in to continue."
        : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign in</CardTitle>
        <CardDescription>Manage your API tokens, usage and credits.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {notice ? <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{notice}</p> : null}
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
