import type { Actor } from "@/lib/auth/guards";
import { usagePage } from "@/lib/usage";
import type { UsageExportQuery } from "@/lib/validation/usage";
import type { UsageRow } from "@/lib/db/usage";

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

/** One CSV field (RFC 4180); text a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(r: UsageRow): string {
  const row: Record<(typeof COLUMNS)[number], unknown> = {
    createdAt: r.createdAt.toISOString(),
    requestId: r.requestId,
    tokenId: r.tokenId,
    tokenName: r.tokenName,
    model: r.model,
    status: r.status,
    stream: r.stream,
    promptTokens: r.promptTokens,
    cachedTokens: r.cachedTokens,
    completionTokens: r.completionTokens,
    cost: r.cost,
    costUsd: (r.cost / 500_000).toFixed(6),
    estimated: r.estimated,
    latencyMs: r.latencyMs,
  };
  return COLUMNS.map((c) => csvField(row[c])).join(",") + "\r\n";
}

/**
 * Every record matching the filters, newest first, as a CSV stream read page by page. The first page
 * is read before answering, so a refused scope (e.g. a non-admin's ?userId=) throws here, not mid-download.
 */
export async function usageCsvStream(actor: Actor, q: UsageExportQuery): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await usagePage(actor, { ...q, limit: 500 });
  let cursor = first.nextCursor;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(COLUMNS.join(",") + "\r\n" + first.data.map(line).join("")));
      if (cursor === null) controller.close();
    },
    async pull(controller) {
      if (cursor === null) return;
      const page = await usagePage(actor, { ...q, cursor, limit: 500 });
      if (page.data.length) controller.enqueue(encoder.encode(page.data.map(line).join("")));
      cursor = page.nextCursor;
      if (cursor === null) controller.close();
    },
  });
}
