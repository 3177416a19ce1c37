import type { userToJson } from "@/lib/db/users";

/** A user as the admin pages receive it (never the password hash). */
export type UserRow = ReturnType<typeof userToJson>;
