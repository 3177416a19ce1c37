import type { RedemptionRowJson } from "@/components/admin/redemptions/types";
import { CREDITS_PER_USD } from "@/lib/format";

const field = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** A new batch as CSV (code, name, value in USD and credits, max uses, expiry), for handing the codes out. */
export function codesCsv(rows: RedemptionRowJson[]): string {
  const lines = [["code", "name", "usd", "credits", "maxUses", "expiresAt"].join(",")];
  for (const r of rows) lines.push([r.code ?? "", r.name, r.amount / CREDITS_PER_USD, r.amount, r.maxUses, r.expiresAt ?? ""].map(field).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
