"use client";

import { useMemo, useState } from "react";
import type { SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { BarChart3, SearchX } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { usageColumns } from "@/components/usage/columns";
import { breakdownColumns, type BreakdownRow } from "@/components/usage/breakdown-columns";
import type { UsageRecordRow } from "@/components/usage/types";
import { UsageDetailDialog } from "@/components/usage/usage-detail-dialog";
import type { LogSort } from "@/lib/dashboard/usage-params";

// The log's column ids by the sort names of the URL.
const COLUMN_OF: Record<LogSort, string> = { time: "createdAt", cost: "cost", latency: "latencyMs", status: "status", model: "model", token: "tokenName" };

const modelSpendColumns = breakdownColumns("Model", false);

/** Spend per model, client-sorted (server components cannot pass column definitions). */
export function ModelSpendTable({ data }: { data: BreakdownRow[] }) {
  return (
    <DataTable
      columns={modelSpendColumns}
      data={data}
      searchPlaceholder={false}
      initialSorting={[{ id: "cost", desc: true }]}
      pageSize={10}
      testId="model-spend-table"
      empty={<EmptyState icon={BarChart3} title="No spend yet" />}
    />
  );
}

/**
 * A page of usage records (the server pages them); a click on a row opens its details. `resetHref`
 * is where "Clear filters" leads when filters are applied, so an empty page says that nothing matches.
 */
export function UsageRecordsTable({
  data,
  withToken = true,
  testId = "usage-table",
  resetHref,
  sort,
}: {
  data: UsageRecordRow[];
  withToken?: boolean;
  testId?: string;
  resetHref?: string;
  /** The server's order (a LOG_SORTS key) and the page's URL without sort, order and page. */
  sort?: { by: LogSort; desc: boolean; baseHref: string };
}) {
  const router = useRouter();
  const columns = useMemo(() => usageColumns({ withToken, serverSorted: !!sort }), [withToken, sort]);
  const [open, setOpen] = useState<UsageRecordRow | null>(null);
  const serverSort = sort
    ? {
        sorting: [{ id: COLUMN_OF[sort.by], desc: sort.desc }],
        onSortingChange: (next: SortingState) => {
          const by = (Object.keys(COLUMN_OF) as LogSort[]).find((k) => COLUMN_OF[k] === next[0]?.id) ?? "time";
          const join = sort.baseHref.includes("?") ? "&" : "?";
          router.push(`${sort.baseHref}${join}sort=${by}&order=${next[0]?.desc === false ? "asc" : "desc"}`);
        },
      }
    : undefined;
  return (
    <>
      <DataTable
        columns={columns}
        data={data}
        getRowId={(r) => r.requestId}
        searchPlaceholder={false}
        paginate={false}
        serverSort={serverSort}
        onRowClick={setOpen}
        testId={testId}
        empty={
          resetHref ? (
            <EmptyState
              icon={SearchX}
              title="No requests match these filters"
              description="Try a wider date range or another token, model or status."
              action={
                <Link href={resetHref} className="text-sm font-medium underline underline-offset-4">
                  Clear filters
                </Link>
              }
            />
          ) : (
            <EmptyState icon={BarChart3} title="No requests yet" description="Requests made with your tokens show up here within seconds." />
          )
        }
      />
      <UsageDetailDialog record={open} onClose={() => setOpen(null)} />
    </>
  );
}
