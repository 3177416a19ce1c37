import { formatPrice } from "@/components/admin/format";
import { effectiveRates, type ModelPricing } from "@/lib/billing/pricing";

/** The USD prices a model's ratios come to at group ratio 1 (nothing when the ratios are invalid). */
export function PricePreview({ model, compact = false }: { model: ModelPricing; compact?: boolean }) {
  let rates;
  try {
    rates = effectiveRates(model, 1);
  } catch {
    return <span className="text-zinc-400">—</span>;
  }
  if (rates.kind === "fixed") {
    return <span className="tabular-nums">{formatPrice(rates.usdPerCall)} per call</span>;
  }
  if (compact) {
    return (
      <span className="tabular-nums">
        {formatPrice(rates.inputUsdPer1M)} / {formatPrice(rates.outputUsdPer1M)}
      </span>
    );
  }
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm tabular-nums">
      <dt className="text-zinc-500">Input</dt>
      <dd>{formatPrice(rates.inputUsdPer1M)} / 1M tokens</dd>
      <dt className="text-zinc-500">Cached input</dt>
      <dd>{formatPrice(rates.cachedInputUsdPer1M)} / 1M tokens</dd>
      <dt className="text-zinc-500">Output</dt>
      <dd>{formatPrice(rates.outputUsdPer1M)} / 1M tokens</dd>
    </dl>
  );
}
