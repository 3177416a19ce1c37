import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { countUsers } from "@/lib/db/users";

export const dynamic = "force-dynamic";

// The front door: first-run setup, the dashboard, or the login page.
export default async function Home() {
  if ((await countUsers()) === 0) redirect("/setup");
  redirect((await getSessionUser()) ? "/dashboard" : "/login");
}
