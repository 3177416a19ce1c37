import type { Actor } from "@/lib/auth/guards";
import { getUser, type User } from "@/lib/db/users";
import { ApiError } from "@/lib/errors";

/**
 * The user whose tokens or usage a call concerns: the caller, or for admins `requested`.
 * A non-admin naming anyone but themselves is refused; ADMIN_API_KEY before any admin exists must name a user.
 */
export async function resolveOwner(actor: Actor, requested: number | undefined): Promise<User> {
  if (requested !== undefined && requested !== actor.user?.id) {
    if (!actor.isAdmin) throw new ApiError("forbidden", "Only admins may act for another user.", "userId");
    const user = await getUser(requested);
    if (!user) throw new ApiError("invalid_request", "userId: no such user", "userId");
    return user;
  }
  if (!actor.user) throw new ApiError("invalid_request", "userId required", "userId");
  return actor.user;
}
