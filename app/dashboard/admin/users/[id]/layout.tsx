import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";
import { getUser } from "@/lib/db/users";

// Checked here, outside the page's loading boundary, so that an unknown id answers a real 404.
export default async function UserLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0 || !(await getUser(id))) notFound();
  return children;
}
