import type { Actor } from "@/lib/auth/guards";
import { CREDITS_PER_USD } from "@/lib/billing/pricing";
import type { UsageRow } from "@/lib/db/usage";
import { listUsage, usageToJson } from "@/lib/services/usage";
import type { UsageExportQuery } from "@/lib/validation/usage";

const COLUMNS = [
  "createdAt",
  "requestId",
  "tokenId",
  "tokenName",
  "model",
  "status",
  "stream",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "cost",
  "costUsd",
  "estimated",
  "latencyMs",
] as const;

const PAGE = 500;

/** One CSV field (RFC 4180); text a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A record as a CSV line: the columns of its JSON shape plus its cost in dollars. */
function line(r: UsageRow): string {
  const row = { ...usageToJson(r), costUsd: (r.cost / CREDITS_PER_USD).toFixed(6) };
  return COLUMNS.map((c) => csvField(row[c])).join(",") + "\r\n";
}

/**
 * Every record matching the filters, newest first, as a CSV stream read page by page. The first page
 * is read before answering, so a refused scope (e.g. a non-admin's ?userId=) throws here, not mid-download.
 */
export async function exportUsageCsv(actor: Actor, q: UsageExportQuery): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await listUsage(actor, { ...q, limit: PAGE });
  let cursor = first.nextCursor;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(COLUMNS.join(",") + "\r\n" + first.data.map(line).join("")));
      if (cursor === null) controller.close();
    },
    async pull(controller) {
      if (cursor === null) return;
      const page = await listUsage(actor, { ...q, cursor, limit: PAGE });
      if (page.data.length) controller.enqueue(encoder.encode(page.data.map(line).join("")));
      cursor = page.nextCursor;
      if (cursor === null) controller.close();
    },
  });
}
