import { allowedIpsSchema, tokenCreateSchema } from "@/lib/validation/tokens";
import { fieldErrors } from "@/lib/api-client";
import type { TokenRow } from "@/components/tokens/types";

/** The token form's raw inputs, as typed. */
export type TokenFormValues = {
  name: string;
  unlimited: boolean;
  quota: string;
  noExpiry: boolean;
  /** `<input type="datetime-local">` value, in the viewer's time zone */
  expiresAt: string;
  allowedModels: string[];
  ips: string;
  group: string;
};

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO instant as a datetime-local value in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function initialValues(token: TokenRow | null, defaultGroup: string): TokenFormValues {
  const inThirtyDays = new Date(Date.now() + 30 * 86_400_000).toISOString();
  return {
    name: token?.name ?? "",
    unlimited: token ? token.quota === null : true,
    quota: token?.quota != null ? String(token.quota) : "",
    noExpiry: token ? token.expiresAt === null : true,
    expiresAt: toLocalInput(token?.expiresAt ?? inThirtyDays),
    allowedModels: token?.allowedModels ?? [],
    ips: token?.allowedIps.join("\n") ?? "",
    group: token?.group ?? defaultGroup,
  };
}

/** "a, b\nc" → ["a", "b", "c"]. */
export function splitIps(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Validates the IP list alone (for feedback while typing); undefined when fine. */
export function ipsError(text: string): string | undefined {
  const r = allowedIpsSchema.safeParse(splitIps(text));
  return r.success ? undefined : r.error.issues[0]?.message;
}

/** The request body, validated with the API's own schema: `{ok, body}` or every error per field. */
export function buildBody(v: TokenFormValues):
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const quota = v.unlimited ? null : v.quota.trim() === "" ? Number.NaN : Number(v.quota.replace(/[,_\s]/g, ""));
  if (quota !== null && !Number.isFinite(quota)) errors.quota = "Enter a whole number of credits, or choose “Unlimited”.";
  let expiresAt: string | null = null;
  if (!v.noExpiry) {
    const d = new Date(v.expiresAt);
    if (Number.isNaN(d.getTime())) errors.expiresAt = "Pick a date and time, or choose “Never”.";
    else if (d.getTime() <= Date.now()) errors.expiresAt = "Pick a moment in the future.";
    else expiresAt = d.toISOString();
  }
  const body = {
    name: v.name,
    quota: quota !== null && Number.isFinite(quota) ? quota : null,
    expiresAt,
    allowedModels: v.allowedModels,
    allowedIps: splitIps(v.ips),
    group: v.group,
  };
  const parsed = tokenCreateSchema.safeParse(body);
  if (!parsed.success) Object.assign(errors, { ...fieldErrors(parsed.error.issues), ...errors });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body };
}
