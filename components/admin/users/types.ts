import type { userToJson } from "@/lib/services/users";

/** A user as the admin pages receive it (never the password hash). */
export type UserRow = ReturnType<typeof userToJson>;
