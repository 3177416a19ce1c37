"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import { BarChart3, SearchX } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { usageColumns } from "@/components/usage/columns";
import { modelSpendColumns } from "@/components/usage/model-spend-columns";
import type { UsageBucketRow, UsageRecordRow } from "@/components/usage/types";
import { UsageDetailDialog } from "@/components/usage/usage-detail-dialog";

/** Spend per model, client-sorted (server components cannot pass column definitions). */
export function ModelSpendTable({ data }: { data: UsageBucketRow[] }) {
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
}: {
  data: UsageRecordRow[];
  withToken?: boolean;
  testId?: string;
  resetHref?: string;
}) {
  const columns = useMemo(() => usageColumns({ withToken }), [withToken]);
  const [open, setOpen] = useState<UsageRecordRow | null>(null);
  return (
    <>
      <DataTable
        columns={columns}
        data={data}
        getRowId={(r) => r.requestId}
        searchPlaceholder={false}
        paginate={false}
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
