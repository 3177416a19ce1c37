import type { ApiFailure } from "@/lib/api-client";

/** `{field: message}` as forms show them; "_form" holds a message for no field in particular. */
export type FieldErrors = Record<string, string>;

/** The first message per field of a failed zod parse ("models.2" counts as "models"). */
export function fieldErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Splits an API failure into a field error (when the API named one of `fields`) and a form message.
 * The API's message reads "field: problem"; the field part is dropped under the field itself.
 */
export function apiErrors(failure: ApiFailure, fields: readonly string[]): { fields: FieldErrors; form: string | null } {
  const field = failure.param?.split(".")[0];
  if (field && fields.includes(field)) {
    const message = failure.message.startsWith(`${failure.param}: `) ? failure.message.slice(failure.param!.length + 2) : failure.message;
    return { fields: { [field]: message.charAt(0).toUpperCase() + message.slice(1) }, form: null };
  }
  return { fields: {}, form: failure.message };
}

/** A number typed in a text box: "" → undefined, "1,000" → 1000, anything else → NaN (the schema reports it). */
export function parseNumberInput(text: string): number | undefined {
  const t = text.trim().replace(/[,_\s]/g, "");
  if (t === "") return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
}

/** Items typed one per line, or separated by commas or spaces ("a, b\nc" → ["a", "b", "c"]). */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
