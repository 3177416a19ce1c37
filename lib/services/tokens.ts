import type { Actor } from "@/lib/auth/guards";
import { invalidate } from "@/lib/cache/bus";
import { getGroup } from "@/lib/db/groups";
import {
  createToken,
  deleteToken,
  getToken,
  listTokens,
  updateToken,
  type TokenChanges,
  type TokenRecord,
} from "@/lib/db/tokens";
import { getUserById, type User } from "@/lib/db/users";
import { ApiError } from "@/lib/errors";
import { generateApiKey, hashApiKey, keyPreview } from "@/lib/auth/api-key";
import type { TokenCreate, TokenUpdate } from "@/lib/validation/tokens";

const notFound = () => new ApiError("not_found", "No such token.");

/**
 * The user whose tokens or usage a call concerns: the caller, or for admins `requested`.
 * A non-admin naming anyone but themselves is refused; ADMIN_API_KEY before any admin exists must name a user.
 */
export async function resolveOwner(actor: Actor, requested: number | undefined): Promise<User> {
  if (requested !== undefined && requested !== actor.user?.id) {
    if (!actor.isAdmin) throw new ApiError("forbidden", "Only admins may act for another user.", "userId");
    const user = await getUserById(requested);
    if (!user) throw new ApiError("invalid_request", "userId: no such user", "userId");
    return user;
  }
  if (!actor.user) throw new ApiError("invalid_request", "userId required", "userId");
  return actor.user;
}

/**
 * Checks a requested group for a token of `owner` and answers what to store: null (follow the
 * owner) when it is the owner's own group, else the name. Users may pick selectable groups; admins any.
 */
async function storedGroup(actor: Actor, owner: User, group: string | null | undefined): Promise<string | null> {
  if (group === null || group === undefined || group === owner.group) return null;
  const found = await getGroup(group);
  if (!found) throw new ApiError("invalid_request", `group: no group named '${group}'`, "group");
  if (!actor.isAdmin && !found.selectable) {
    throw new ApiError("invalid_request", `group: '${group}' is not open for selection`, "group");
  }
  return group;
}

/** The token if the caller may see it (its owner, or an admin); otherwise 404. */
async function visibleToken(actor: Actor, id: number): Promise<TokenRecord> {
  const token = await getToken(id);
  if (!token || (!actor.isAdmin && token.userId !== actor.user?.id)) throw notFound();
  return token;
}

/** Tokens the caller asked for: their own, or (admins) a user's or, with "all", everyone's. */
export async function listTokensFor(actor: Actor, userId: number | "all" | undefined): Promise<TokenRecord[]> {
  if (userId === "all") {
    if (!actor.isAdmin) throw new ApiError("forbidden", "Only admins may list every user's tokens.", "userId");
    return listTokens();
  }
  return listTokens((await resolveOwner(actor, userId)).id);
}

/** Reads one token. */
export function readToken(actor: Actor, id: number): Promise<TokenRecord> {
  return visibleToken(actor, id);
}

/** Creates a token and answers it with the key, which is never retrievable again. */
export async function issueToken(actor: Actor, input: TokenCreate): Promise<{ token: TokenRecord; key: string }> {
  const owner = await resolveOwner(actor, input.userId);
  const group = await storedGroup(actor, owner, input.group);
  const key = generateApiKey();
  const token = await createToken({
    userId: owner.id,
    name: input.name,
    keyHash: hashApiKey(key),
    keyPreview: keyPreview(key),
    quota: input.quota ?? null,
    expiresAt: input.expiresAt ?? null,
    allowedModels: input.allowedModels ?? [],
    allowedIps: input.allowedIps ?? [],
    group,
  });
  invalidate("token", token.keyHash);
  return { token, key };
}

/** Changes a token's settings, status, or (admins) owner. */
export async function changeToken(actor: Actor, id: number, input: TokenUpdate): Promise<TokenRecord> {
  const current = await visibleToken(actor, id);
  const { userId, group, ...rest } = input;
  const changes: TokenChanges = { ...rest };
  let owner: User | null = null;
  if (userId !== undefined && userId !== current.userId) {
    if (!actor.isAdmin) throw new ApiError("forbidden", "Only admins may move a token to another user.", "userId");
    owner = await resolveOwner(actor, userId);
    changes.userId = owner.id;
  }
  if (group !== undefined || owner) {
    owner ??= await getUserById(current.userId);
    if (!owner) throw notFound();
    // Moving a token re-checks the group it keeps against its new owner.
    changes.group = await storedGroup(actor, owner, group === undefined ? current.pinnedGroup : group);
  }
  const token = await updateToken(id, changes);
  if (!token) throw notFound();
  invalidate("token", token.keyHash);
  return token;
}

/** Deletes a token for good (its usage records keep the token's name). */
export async function removeToken(actor: Actor, id: number): Promise<void> {
  await visibleToken(actor, id);
  const keyHash = await deleteToken(id);
  if (!keyHash) throw notFound();
  invalidate("token", keyHash);
}

/** The public shape of a token (CONTRACT §3); `heldQuota` is what requests in flight have reserved. */
export function tokenToJson(t: TokenRecord) {
  return {
    id: t.id,
    name: t.name,
    keyPreview: t.keyPreview,
    quota: t.quota,
    usedQuota: t.usedQuota,
    heldQuota: t.heldQuota,
    remainingQuota: t.quota === null ? null : Math.max(0, t.quota - t.usedQuota),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    allowedModels: t.allowedModels,
    allowedIps: t.allowedIps,
    group: t.group,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    userId: t.userId,
  };
}
