"use client";

import { useMemo } from "react";
import { BarChart3 } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { usageColumns } from "@/components/usage/columns";
import { modelSpendColumns } from "@/components/usage/model-spend-columns";
import type { UsageBucketRow, UsageRecordRow } from "@/components/usage/types";

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

/** A list of usage records; server paginated, so no client pagination. */
export function UsageRecordsTable({ data, withToken = true, testId = "usage-table" }: { data: UsageRecordRow[]; withToken?: boolean; testId?: string }) {
  const columns = useMemo(() => usageColumns({ withToken }), [withToken]);
  return (
    <DataTable
      columns={columns}
      data={data}
      getRowId={(r) => r.requestId}
      searchPlaceholder={false}
      paginate={false}
      testId={testId}
      empty={<EmptyState icon={BarChart3} title="No requests yet" description="Requests made with your tokens show up here within seconds." />}
    />
  );
}
