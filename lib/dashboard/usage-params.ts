import { z } from "zod";
import { addDays, startOfDay } from "@/lib/time-zone";

/** Rows per page the request log offers. */
export const PAGE_SIZES = [25, 50, 100] as const;

/** The request log's sortable columns, by their name in the URL. */
export const LOG_SORTS = { time: "id", cost: "cost", latency: "latencyMs", status: "status", model: "model", token: "tokenName" } as const;
export type LogSort = keyof typeof LOG_SORTS;

/** The breakdowns under the charts: by model, token, day, and for admins by user and channel. */
export const BREAKDOWNS = ["model", "token", "day", "user", "channel"] as const;
export type BreakdownView = (typeof BREAKDOWNS)[number];

/**
 * The usage page's searchParams: the API's filters with dates as `YYYY-MM-DD` days in the viewer's
 * zone (the `to` day included), the page size and the page cursor. Each field is checked on its own,
 * so one bad value does not drop the others.
 */
export const usagePageParamsSchema = z.object({
  tokenId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  model: z.string().trim().min(1).max(200).optional().catch(undefined),
  status: z.enum(["success", "error"]).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  limit: z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)))).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
  sort: z.enum(Object.keys(LOG_SORTS) as [LogSort, ...LogSort[]]).optional().catch(undefined),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
  /** Admins: "all" for everyone, or a user id (default: their own). */
  user: z.union([z.literal("all"), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)]).optional().catch(undefined),
  view: z.enum(BREAKDOWNS).optional().catch(undefined),
});

export type UsagePageParams = z.infer<typeof usagePageParamsSchema>;

/**
 * The usage page's filters as lib/usage expects them: days in the viewer's `zone` as instants, the
 * `to` day included. A From after To is no range at all: `rangeError` says so and the dates are left out.
 */
export function usageFilterFromParams(p: UsagePageParams, zone: string) {
  const rangeError = p.from && p.to && p.from > p.to ? "“From” is after “To”: pick a From on or before the To day." : null;
  return {
    tokenId: p.tokenId,
    model: p.model,
    status: p.status,
    from: p.from && !rangeError ? startOfDay(p.from, zone) : undefined,
    to: p.to && !rangeError ? startOfDay(addDays(p.to, 1), zone) : undefined,
    rangeError,
  };
}

/** A query string of the filters (and extra keys), leaving out empty ones. */
export function usageQueryString(p: Partial<Record<string, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The export link: the same records as the page, with the range as the instants the viewer's days start. */
export function exportHref(p: UsagePageParams, zone: string): string {
  const f = usageFilterFromParams(p, zone);
  return `/api/usage/export${usageQueryString({
    userId: p.user,
    tokenId: f.tokenId,
    model: f.model,
    status: f.status,
    from: f.from?.toISOString(),
    to: f.to?.toISOString(),
  })}`;
}
