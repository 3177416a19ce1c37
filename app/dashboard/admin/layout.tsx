import type { ReactNode } from "react";
import { requireAdmin } from "@/lib/auth/session";

// Checked on the server for every admin page: a hidden link is not a permission.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return children;
}
