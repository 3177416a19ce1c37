import type { Actor } from "@/lib/auth/guards";
import { requireUser } from "@/lib/auth/session";
import type { User } from "@/lib/db/users";

/**
 * The signed-in user as a management-API actor, for dashboard pages. Pages act as the user
 * themselves (never "all"), so every lib call stays scoped to the user's own data, admins included.
 */
export async function requirePageActor(): Promise<{ user: User; actor: Actor }> {
  const user = await requireUser();
  return { user, actor: { user, isAdmin: user.role === "admin", viaAdminKey: false } };
}
