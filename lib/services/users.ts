import { hashPassword } from "@/lib/auth/password";
import { invalidate } from "@/lib/cache/bus";
import { groupExists } from "@/lib/db/groups";
import * as db from "@/lib/db/users";
import type { User } from "@/lib/db/users";
import { ApiError, notFoundError, orNotFound } from "@/lib/errors";
import type { UserCreate, UserUpdate } from "@/lib/validation/users";
import { periodEndAt, usedInPeriod } from "@/lib/billing/periods";
import { getConfig } from "@/lib/config";

async function checkGroup(group: string | undefined) {
  if (group !== undefined && !(await groupExists(group))) {
    throw new ApiError("invalid_request", `group: no group named '${group}'`, "group");
  }
}

/** Admin: creates a user account; 409 when the email is taken. */
export async function createUser(input: UserCreate): Promise<User> {
  await checkGroup(input.group);
  const { password, ...rest } = input;
  return db.createUser({ ...rest, passwordHash: await hashPassword(password) });
}

/** Admin: reads one user. */
export async function getUser(id: number): Promise<User> {
  return orNotFound(await db.getUser(id), "user");
}

/** Admin: changes a user's profile, role, group, status or password; 409 when the new email is taken. */
export async function updateUser(id: number, input: UserUpdate): Promise<User> {
  await checkGroup(input.group);
  const { password, ...rest } = input;
  const user = await db.updateUser(id, {
    ...rest,
    ...(password ? { passwordHash: await hashPassword(password) } : {}),
  });
  // Cached tokens carry their owner's status and group.
  if (input.status !== undefined || input.group !== undefined || input.spendLimit !== undefined || input.spendLimitPeriod !== undefined) {
    invalidate("token");
  }
  return user;
}

/** Admin: adds credits to (or, negative, removes them from) a user's wallet, with a note for its history; never below 0. */
export async function topUpUser(id: number, amount: number, note = ""): Promise<User> {
  const outcome = await db.topUpUser(id, amount, note);
  if (outcome === "not_found") throw notFoundError("user");
  if (outcome === "insufficient") {
    throw new ApiError("invalid_request", "amount: this would make the balance negative", "amount");
  }
  return getUser(id);
}

/** The public shape of a user in the management API (never the password hash). */
export function userToJson(user: User) {
  const now = Date.now();
  const zone = getConfig().budgetTimeZone;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    group: user.group,
    balance: user.balance,
    availableBalance: user.balance - user.heldBalance,
    spendLimit: user.spendLimit,
    spendLimitPeriod: user.spendLimitPeriod,
    periodSpent: usedInPeriod(user.spendLimitPeriod, user.periodSpent, user.spendPeriodStart, now, zone),
    periodResetsAt: new Date(periodEndAt(user.spendLimitPeriod, now, zone)!).toISOString(),
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
