"use client";

import { useState } from "react";
import { CircleDollarSign } from "lucide-react";
import { modelColumns } from "@/components/admin/pricing/columns";
import { ModelFormDialog } from "@/components/admin/pricing/model-form-dialog";
import type { ModelRow } from "@/components/admin/pricing/types";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NewButton } from "@/components/ui/new-button";

/** The model catalog with its prices, and the "New model" dialog. */
export function ModelsTable({ models }: { models: ModelRow[] }) {
  const [creating, setCreating] = useState(false);
  return (
    <>
      <DataTable
        columns={modelColumns}
        data={models}
        getRowId={(m) => m.name}
        searchPlaceholder="Search models…"
        facet={{
          columnId: "enabled",
          label: "Availability",
          options: [
            { value: "enabled", label: "Enabled" },
            { value: "disabled", label: "Disabled" },
          ],
        }}
        toolbar={<NewButton onClick={() => setCreating(true)}>New model</NewButton>}
        pageSize={50}
        testId="models-table"
        empty={<EmptyState icon={CircleDollarSign} title="No models priced yet" description="A model must be in the catalog before any channel can serve it." />}
      />
      <ModelFormDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
