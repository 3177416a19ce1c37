import { hashPassword } from "@/lib/auth/password";
import { groupExists } from "@/lib/db/groups";
import { createUser, updateUser, type User } from "@/lib/db/users";
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
    return user;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("conflict", "A user with this email exists.", "email");
    throw err;
  }
}
