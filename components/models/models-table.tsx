"use client";

import { Boxes } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { modelColumns, type PricedModelRow } from "@/components/models/columns";

export function ModelsTable({ models }: { models: PricedModelRow[] }) {
  return (
    <DataTable
      columns={modelColumns}
      data={models}
      getRowId={(m) => m.name}
      searchPlaceholder="Search models…"
      pageSize={50}
      testId="models-table"
      empty={<EmptyState icon={Boxes} title="No models available" description="No channel serves your group yet. Ask an admin to add one." />}
    />
  );
}
