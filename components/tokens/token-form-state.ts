import { fieldErrors, splitList, type FieldErrors } from "@/components/forms/form-state";
import { moneyCredits, type MoneyValue } from "@/components/forms/money-field";
import type { TokenRow } from "@/components/tokens/types";
import { moneyText } from "@/lib/dashboard/money";
import { fromZoned, toZonedInput } from "@/lib/time-zone";
import { allowedIpsSchema, tokenCreateSchema } from "@/lib/validation/tokens";

/** The token form's inputs, as typed. */
export type TokenFormValues = {
  name: string;
  unlimited: boolean;
  quota: MoneyValue;
  noExpiry: boolean;
  /** `<input type="datetime-local">` value, in the viewer's time zone */
  expiresAt: string;
  allowedModels: string[];
  ips: string;
  group: string;
};

/** The form's fields, by the API's names (what its errors may blame). */
export const TOKEN_FIELDS = ["name", "quota", "expiresAt", "allowedModels", "allowedIps", "group"] as const;

/** A new token's defaults (unlimited, no expiry), or an existing token's values in the viewer's time zone. */
export function initialValues(token: TokenRow | null, defaultGroup: string, zone: string): TokenFormValues {
  const inThirtyDays = new Date(Date.now() + 30 * 86_400_000);
  return {
    name: token?.name ?? "",
    unlimited: token ? token.quota === null : true,
    quota: { unit: "usd", text: token?.quota != null ? moneyText(token.quota, "usd") : "" },
    noExpiry: token ? token.expiresAt === null : true,
    expiresAt: toZonedInput(token?.expiresAt ?? inThirtyDays, zone),
    allowedModels: token?.allowedModels ?? [],
    ips: token?.allowedIps.join("\n") ?? "",
    group: token?.group ?? defaultGroup,
  };
}

/** The IP list's own message while typing (undefined when every rule parses). */
export function ipsError(text: string): string | undefined {
  const r = allowedIpsSchema.safeParse(splitList(text));
  return r.success ? undefined : r.error.issues[0]?.message;
}

/** The request body, validated with the API's own schema: `{ok, body}` or every error per field. */
export function buildBody(v: TokenFormValues, zone: string): { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const quota = v.unlimited ? null : moneyCredits(v.quota);
  if (quota === undefined || (quota !== null && Number.isNaN(quota))) errors.quota = "Enter an amount, e.g. $25, or choose “Unlimited”.";
  let expiresAt: string | null = null;
  if (!v.noExpiry) {
    const d = fromZoned(v.expiresAt, zone);
    if (!d) errors.expiresAt = "Pick a date and time, or choose “Never”.";
    else if (d.getTime() <= Date.now()) errors.expiresAt = "Pick a moment in the future.";
    else expiresAt = d.toISOString();
  }
  const body = {
    name: v.name,
    quota: typeof quota === "number" && Number.isFinite(quota) ? quota : null,
    expiresAt,
    allowedModels: v.allowedModels,
    allowedIps: splitList(v.ips),
    group: v.group,
  };
  const parsed = tokenCreateSchema.safeParse(body);
  if (!parsed.success) Object.assign(errors, { ...fieldErrors(parsed.error), ...errors });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body };
}
