import { ApiError } from "@/lib/errors";

/** The changes in `input` without `name`, which may only repeat `current`: `what` ("groups", "models") cannot be renamed. */
export function withoutRename<T extends { name?: string }>(current: string, input: T, what: string): Omit<T, "name"> {
  const { name, ...changes } = input;
  if (name !== undefined && name !== current) {
    throw new ApiError("invalid_request", `name: ${what} cannot be renamed`, "name");
  }
  return changes;
}
