import type { userToJson } from "@/lib/services/users";

/** A user as the admin pages receive it (never the password hash). */
export type UserRow = ReturnType<typeof userToJson>;

/** A row of the users table: the user and what they spent this month (in the viewer's zone). */
export type UserListRow = UserRow & { monthSpend: number };
