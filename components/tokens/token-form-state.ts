import { fieldErrors, splitList, type FieldErrors } from "@/components/forms/form-state";
import { moneyCredits, type MoneyValue } from "@/components/forms/money-field";
import type { TokenRow } from "@/components/tokens/types";
import { moneyText } from "@/lib/dashboard/money";
import { fromZoned, toZonedInput } from "@/lib/time-zone";
import { allowedIpsSchema, tokenCreateSchema } from "@/lib/validation/tokens";
import type { QuotaPeriod } from "@/lib/billing/periods";
import { LIMIT_FIELDS, LIMIT_LABELS, limitAboveGroup, type LimitField, type Limits } from "@/lib/validation/limits";

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
  quotaPeriod: QuotaPeriod;
  /** as typed; empty = no limit of the token's own */
  limits: Record<LimitField, string>;
};

/** The form's fields, by the API's names (what its errors may blame). */
export const TOKEN_FIELDS = ["name", "quota", "quotaPeriod", "expiresAt", "allowedModels", "allowedIps", "group", ...LIMIT_FIELDS] as const;

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
    quotaPeriod: token?.quotaPeriod ?? "none",
    limits: {
      rpmLimit: token?.rpmLimit?.toString() ?? "",
      tpmLimit: token?.tpmLimit?.toString() ?? "",
      concurrencyLimit: token?.concurrencyLimit?.toString() ?? "",
    },
  };
}

/** The typed limits as the API takes them (null = none), with an error per field that is not a whole number ≥ 1 or exceeds the group's. */
function parseLimits(typed: Record<LimitField, string>, ceiling: Limits | undefined, errors: FieldErrors): Limits {
  const out: Limits = { rpmLimit: null, tpmLimit: null, concurrencyLimit: null };
  for (const field of LIMIT_FIELDS) {
    const text = typed[field].trim().replace(/[,_\s]/g, "");
    if (!text) continue;
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 1) errors[field] = "Enter a whole number of at least 1, or leave it empty for no limit.";
    else out[field] = n;
  }
  const above = ceiling ? limitAboveGroup(out, ceiling) : null;
  if (above && !errors[above.field]) {
    errors[above.field] = `At most ${above.ceiling.toLocaleString("en-US")} ${LIMIT_LABELS[above.field].unit}: the group's limit.`;
  }
  return out;
}

/** The IP list's own message while typing (undefined when every rule parses). */
export function ipsError(text: string): string | undefined {
  const r = allowedIpsSchema.safeParse(splitList(text));
  return r.success ? undefined : r.error.issues[0]?.message;
}

/** The request body, validated with the API's own schema: `{ok, body}` or every error per field. */
export function buildBody(
  v: TokenFormValues,
  zone: string,
  ceiling?: Limits,
): { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const limits = parseLimits(v.limits, ceiling, errors);
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
    quotaPeriod: v.quotaPeriod,
    ...limits,
  };
  const parsed = tokenCreateSchema.safeParse(body);
  if (!parsed.success) Object.assign(errors, { ...fieldErrors(parsed.error), ...errors });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body };
}
