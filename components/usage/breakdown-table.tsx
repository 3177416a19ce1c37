"use client";

import { useMemo } from "react";
import Link from "next/link";
import { BarChart3 } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { breakdownColumns, type BreakdownRow } from "@/components/usage/breakdown-columns";
import type { BreakdownView } from "@/lib/dashboard/usage-params";
import { cn } from "@/lib/utils";

const TITLES: Record<BreakdownView, string> = { model: "Model", token: "Token", day: "Day", user: "User", channel: "Channel" };

/** The filtered usage grouped one way, with tabs (links, so the choice is in the URL) for the others. */
export function BreakdownTable({ view, views, rows, hrefFor }: { view: BreakdownView; views: BreakdownView[]; rows: BreakdownRow[]; hrefFor: Record<BreakdownView, string> }) {
  const columns = useMemo(() => breakdownColumns(TITLES[view], view === "channel"), [view]);
  return (
    <div className="grid min-w-0 gap-3">
      <nav aria-label="Break down by" className="flex flex-wrap gap-1">
        {views.map((v) => (
          <Link
            key={v}
            href={hrefFor[v]}
            scroll={false}
            aria-current={v === view ? "true" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100",
              v === view && "bg-zinc-900 text-white hover:bg-zinc-900",
            )}
          >
            By {TITLES[v].toLowerCase()}
          </Link>
        ))}
      </nav>
      <DataTable
        key={view}
        columns={columns}
        data={rows}
        getRowId={(r) => r.key}
        searchPlaceholder={false}
        initialSorting={view === "day" ? [{ id: "label", desc: true }] : [{ id: "cost", desc: true }]}
        pageSize={10}
        testId="breakdown-table"
        empty={<EmptyState icon={BarChart3} title="Nothing in this selection" />}
      />
    </div>
  );
}
