import type { z } from "zod";
import { ApiError } from "@/lib/errors";

/** Reads a JSON body and validates it; any problem is a 400 invalid_request naming the field. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid JSON.");
  }
  return parseWith(schema, raw);
}

/** Validates a value with a schema, throwing the contract's 400 on failure. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue.path.length ? issue.path.join(".") : null;
  const field = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : param;
  throw new ApiError("invalid_request", field ? `${field}: ${issue.message}` : issue.message, field);
}

/** Parses a positive integer route id or answers 404 (an id that cannot exist is simply not found). */
export function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError("not_found", "Not found.");
  return id;
}

/** Validates the query string (a repeated parameter keeps its last value); failures are 400s. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return parseWith(schema, Object.fromEntries(new URL(req.url).searchParams));
}
