import type { UsagePageParams } from "@/lib/validation/usage";

const DAY_MS = 86_400_000;

/** The usage page's filters as lib/usage expects them: dates as instants, the `to` day included. */
export function usageFilterFromParams(p: UsagePageParams) {
  return {
    tokenId: p.tokenId,
    model: p.model,
    status: p.status,
    from: p.from ? new Date(p.from) : undefined,
    to: p.to ? new Date(new Date(p.to).getTime() + DAY_MS) : undefined,
  };
}

/** A query string of the filters (and extra keys), leaving out empty ones. */
export function usageQueryString(p: Partial<Record<string, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The export link: the API takes the exclusive end instant, so `to` moves to the next day. */
export function exportHref(p: UsagePageParams): string {
  const f = usageFilterFromParams(p);
  return `/api/usage/export${usageQueryString({
    tokenId: f.tokenId,
    model: f.model,
    status: f.status,
    from: p.from,
    to: f.to?.toISOString().slice(0, 10),
  })}`;
}
