import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { getUser, type User } from "@/lib/db/users";

/**
 * The signed-in user, re-read from the database on every call so that a role change,
 * a disabled account or a deleted user takes effect on the very next request.
 */
export async function getSessionUser(): Promise<User | null> {
  const session = (await getServerSession(authOptions)) as { uid?: number } | null;
  if (!session?.uid) return null;
  const user = await getUser(session.uid);
  return user?.status === "active" ? user : null;
}

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<User> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** For admin pages: the signed-in admin; anyone else gets the 403 page. */
export async function requireAdmin(): Promise<User> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}
