import { redirect } from "next/navigation";
import { SignupForm } from "@/components/auth/signup-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { countUsers } from "@/lib/db/users";
import { setupAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/login");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Welcome! Create the admin account</CardTitle>
        <CardDescription>
          This account manages users, groups, model prices and upstream channels. You can add more people later.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SignupForm action={setupAction} submitLabel="Create admin account" />
      </CardContent>
    </Card>
  );
}
