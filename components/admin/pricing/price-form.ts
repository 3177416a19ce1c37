import { fieldErrors, parseNumberInput, type FieldErrors } from "@/components/forms/form-state";
import type { ModelRow } from "@/components/admin/pricing/types";
import { modelCreateSchema, modelUpdateSchema } from "@/lib/validation/models";

/** $ per 1M tokens at ratio 1 (CONTRACT §2: ratio 1 = 1 credit per token = $2 per 1M). */
const USD_PER_1M_AT_RATIO_1 = 2;

/** The model form's inputs as typed: prices in dollars, the way providers publish them. */
export type PriceFormValues = {
  name: string;
  billing: "tokens" | "call";
  /** $ per 1M input tokens */
  input: string;
  /** $ per 1M output tokens */
  output: string;
  /** $ per 1M cached input tokens */
  cached: string;
  /** $ per 1M input tokens written to a provider cache (5-minute and 1-hour lifetimes); blank = the defaults */
  cacheWrite: string;
  cacheWrite1h: string;
  /** the most prompt tokens; blank = unknown */
  contextWindow: string;
  /** $ per call */
  perCall: string;
  maxOutputTokens: string;
  enabled: boolean;
};

// Ratios are floats: 12 significant digits drop the binary noise of a division (0.6 / 0.15 = 3.9999…).
const clean = (n: number) => Number(n.toPrecision(12));
const text = (n: number) => String(clean(n));

/** A model's prices in dollars, for the form. */
export function priceFormValues(model: ModelRow | undefined): PriceFormValues {
  const input = (model?.modelRatio ?? 1) * USD_PER_1M_AT_RATIO_1;
  return {
    name: model?.name ?? "",
    billing: model?.fixedPrice != null ? "call" : "tokens",
    input: model ? text(input) : "",
    output: model ? text(input * model.completionRatio) : "",
    cached: model ? text(input * model.cacheRatio) : "",
    cacheWrite: model?.cacheWriteRatio != null ? text(input * model.cacheWriteRatio) : "",
    cacheWrite1h: model?.cacheWrite1hRatio != null ? text(input * model.cacheWrite1hRatio) : "",
    contextWindow: model?.contextWindow != null ? String(model.contextWindow) : "",
    perCall: model?.fixedPrice != null ? text(model.fixedPrice) : "",
    maxOutputTokens: String(model?.maxOutputTokens ?? 4096),
    enabled: model?.enabled ?? true,
  };
}

/** The ratios the typed prices come to (blank output or cached price = the input price; blank cache writes = null, the defaults). */
export function ratiosOf(v: PriceFormValues) {
  const input = parseNumberInput(v.input);
  const output = parseNumberInput(v.output) ?? input;
  const cached = parseNumberInput(v.cached) ?? input;
  const modelRatio = input === undefined ? undefined : clean(input / USD_PER_1M_AT_RATIO_1);
  const per = (price: number | undefined) => (price === undefined || input === undefined ? undefined : input === 0 ? (price === 0 ? 1 : Number.NaN) : clean(price / input));
  const write = (text: string) => (text.trim() === "" ? null : per(parseNumberInput(text)));
  return { modelRatio, completionRatio: per(output), cacheRatio: per(cached), cacheWriteRatio: write(v.cacheWrite), cacheWrite1hRatio: write(v.cacheWrite1h) };
}

/** The API body the form comes to, validated with the API's schema: `{ok, body}` or errors per form field. */
export function buildModelBody(v: PriceFormValues, editing: boolean): { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const byCall = v.billing === "call";
  const ratios = ratiosOf(v);
  const raw = {
    ...(editing ? {} : { name: v.name }),
    // A per-call model keeps its token ratios (1 when new) so switching back finds them.
    modelRatio: byCall ? (ratios.modelRatio ?? 1) : ratios.modelRatio,
    completionRatio: byCall ? (ratios.completionRatio ?? 1) : ratios.completionRatio,
    cacheRatio: byCall ? (ratios.cacheRatio ?? 1) : ratios.cacheRatio,
    cacheWriteRatio: ratios.cacheWriteRatio ?? null,
    cacheWrite1hRatio: ratios.cacheWrite1hRatio ?? null,
    contextWindow: parseNumberInput(v.contextWindow) ?? null,
    fixedPrice: byCall ? (parseNumberInput(v.perCall) ?? Number.NaN) : null,
    maxOutputTokens: parseNumberInput(v.maxOutputTokens),
    enabled: v.enabled,
  };
  const parsed = (editing ? modelUpdateSchema : modelCreateSchema).safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  // The schema speaks in ratios; the form in prices.
  const { modelRatio, completionRatio, cacheRatio, cacheWriteRatio, cacheWrite1hRatio, fixedPrice, ...rest } = fieldErrors(parsed.error);
  const errors: FieldErrors = { ...rest };
  if (cacheWriteRatio) errors.cacheWrite = cacheWriteRatio;
  if (cacheWrite1hRatio) errors.cacheWrite1h = cacheWrite1hRatio;
  if (modelRatio) errors.input = v.input.trim() ? modelRatio : "Enter the price of 1M input tokens, e.g. 0.15";
  if (completionRatio) errors.output = input0(v) ? "With a free input, the output must be free too" : completionRatio;
  if (cacheRatio) errors.cached = input0(v) ? "With a free input, cached input must be free too" : cacheRatio;
  if (fixedPrice) errors.perCall = v.perCall.trim() ? fixedPrice : "Enter the price of one call, e.g. 0.01";
  return { ok: false, errors };
}

const input0 = (v: PriceFormValues) => parseNumberInput(v.input) === 0;

