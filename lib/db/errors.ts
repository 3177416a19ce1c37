import { ApiError, notFoundError } from "@/lib/errors";

// The Prisma error codes the app answers to; every other database error stays a 500.
const UNIQUE_VIOLATION = "P2002";
const RECORD_NOT_FOUND = "P2025";

const prismaCode = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

/** What a write's known failures mean to a client: a unique field taken, or the record (named: "token") gone. */
export type WriteErrors = { conflict?: { message: string; param?: string }; notFound?: string };

/**
 * Runs a Prisma write; a unique violation becomes 409 `conflict` and a missing record 404
 * `not_found` when `errors` describes them. Anything else is thrown unchanged.
 */
export async function mapWriteErrors<T>(write: () => Promise<T>, errors: WriteErrors): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = prismaCode(err);
    if (code === UNIQUE_VIOLATION && errors.conflict) {
      throw new ApiError("conflict", errors.conflict.message, errors.conflict.param ?? null);
    }
    if (code === RECORD_NOT_FOUND && errors.notFound) throw notFoundError(errors.notFound);
    throw err;
  }
}

/** True when a write failed because the row exists already (mapped by mapWriteErrors or not): a lost race to create it. */
export function isConflict(err: unknown): boolean {
  return err instanceof ApiError ? err.code === "conflict" : prismaCode(err) === UNIQUE_VIOLATION;
}
