import { hashPassword } from "@/lib/auth/password";
import { invalidate } from "@/lib/cache/bus";
import { groupExists } from "@/lib/db/groups";
import { adjustBalance, createUser, getUserById, updateUser, type User } from "@/lib/db/users";
import { ApiError } from "@/lib/errors";
import type { UserCreate, UserUpdate } from "@/lib/validation/users";

async function checkGroup(group: string | undefined) {
  if (group !== undefined && !(await groupExists(group))) {
    throw new ApiError("invalid_request", `group: no group named '${group}'`, "group");
  }
}

function isUniqueViolation(err: unknown) {
  return (err as { code?: string }).code === "P2002";
}

/** Admin: creates a user account. */
export async function adminCreateUser(input: UserCreate): Promise<User> {
  await checkGroup(input.group);
  const { password, ...rest } = input;
  try {
    return await createUser({ ...rest, passwordHash: await hashPassword(password) });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("conflict", "A user with this email exists.", "email");
    throw err;
  }
}

/** Admin: changes a user's profile, role, group, status or password. */
export async function adminUpdateUser(id: number, input: UserUpdate): Promise<User> {
  await checkGroup(input.group);
  const { password, ...rest } = input;
  try {
    const user = await updateUser(id, {
      ...rest,
      ...(password ? { passwordHash: await hashPassword(password) } : {}),
    });
    if (!user) throw new ApiError("not_found", "No such user.");
    // Cached tokens carry their owner's status and group.
    if (input.status !== undefined || input.group !== undefined) invalidate("token");
    return user;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("conflict", "A user with this email exists.", "email");
    throw err;
  }
}

/** Admin: adds credits to (or, negative, removes them from) a user's wallet; never below 0. */
export async function adminTopUp(id: number, amount: number): Promise<User> {
  const outcome = await adjustBalance(id, amount);
  if (outcome === "not_found") throw new ApiError("not_found", "No such user.");
  if (outcome === "insufficient") {
    throw new ApiError("invalid_request", "amount: this would make the balance negative", "amount");
  }
  const user = await getUserById(id);
  if (!user) throw new ApiError("not_found", "No such user.");
  return user;
}

/** Admin: reads one user. */
export async function adminGetUser(id: number): Promise<User> {
  const user = await getUserById(id);
  if (!user) throw new ApiError("not_found", "No such user.");
  return user;
}
