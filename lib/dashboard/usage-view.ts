import type { Actor } from "@/lib/auth/guards";
import { MAX_CHART_DAYS, lastDays } from "@/lib/dashboard/series";
import { BREAKDOWNS, LOG_SORTS, usageFilterFromParams, type BreakdownView, type UsagePageParams } from "@/lib/dashboard/usage-params";
import { scopeUsage } from "@/lib/services/usage";
import { addDays, zonedDay } from "@/lib/time-zone";

/**
 * What the usage page shows for its URL: whose records (admins: anyone's or everyone's), the
 * filter, the days the charts span (the chosen range, or the last 30 days), the breakdowns on offer
 * and the log's order and page.
 */
export async function usageView(actor: Actor, params: UsagePageParams, zone: string) {
  const { rangeError, ...filters } = usageFilterFromParams(params, zone);
  const who = actor.isAdmin ? (params.user ?? actor.user?.id) : actor.user?.id;
  const filter = await scopeUsage(actor, { ...filters, userId: who });
  const today = zonedDay(new Date(), zone);
  let { fromDay, toDay } = lastDays(30, zone);
  if (!rangeError && (params.from || params.to)) {
    toDay = params.to ?? today;
    fromDay = params.from ?? addDays(toDay, -29);
  }
  if (addDays(fromDay, MAX_CHART_DAYS - 1) < toDay) fromDay = addDays(toDay, -(MAX_CHART_DAYS - 1));
  const views: BreakdownView[] = BREAKDOWNS.filter((v) => (v === "user" ? who === "all" : v === "channel" ? actor.isAdmin : true));
  const view = params.view && views.includes(params.view) ? params.view : "model";
  const sort = params.sort ?? "time";
  return {
    filter,
    rangeError,
    everyone: who === "all",
    filtered: Boolean(params.tokenId || params.model || params.status || params.from || params.to),
    fromDay,
    toDay,
    views,
    view,
    log: { sort, by: LOG_SORTS[sort], desc: params.order !== "asc", page: params.page ?? 1, limit: params.limit ?? 50 },
  };
}
