import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { getUserCredentials, setPasswordHash, type User } from "@/lib/db/users";
import { ApiError } from "@/lib/errors";
import type { z } from "zod";
import type { changePasswordSchema } from "@/lib/validation/auth";

/** Changes the user's password after checking the current one; a wrong one is a 400 on `currentPassword`. */
export async function changePassword(user: User, input: z.infer<typeof changePasswordSchema>): Promise<void> {
  const creds = await getUserCredentials(user.email);
  if (!creds || !(await verifyPassword(creds.passwordHash, input.currentPassword))) {
    throw new ApiError("invalid_request", "The current password is not correct.", "currentPassword");
  }
  await setPasswordHash(user.id, await hashPassword(input.newPassword));
}
