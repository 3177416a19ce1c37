"use client";

import { useState } from "react";
import { Ticket } from "lucide-react";
import { BatchFormDialog } from "@/components/admin/redemptions/batch-form-dialog";
import { redemptionColumns, REDEMPTION_STATE_OPTIONS } from "@/components/admin/redemptions/columns";
import { CreatedCodesDialog } from "@/components/admin/redemptions/created-codes-dialog";
import type { RedemptionRowJson } from "@/components/admin/redemptions/types";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NewButton } from "@/components/ui/new-button";

/** Every redemption code, "New codes" and the dialog with a new batch's codes. */
export function RedemptionsTable({ codes }: { codes: RedemptionRowJson[] }) {
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<RedemptionRowJson[] | null>(null);
  return (
    <>
      <DataTable
        columns={redemptionColumns}
        data={codes}
        getRowId={(r) => String(r.id)}
        searchPlaceholder="Search codes…"
        facet={{ columnId: "state", label: "Statuses", options: REDEMPTION_STATE_OPTIONS }}
        toolbar={<NewButton onClick={() => setCreating(true)}>New codes</NewButton>}
        testId="redemptions-table"
        empty={<EmptyState icon={Ticket} title="No redemption codes yet" description="Create a batch to hand out credits: each person redeems a code on their account page." />}
      />
      <BatchFormDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(rows) => {
          setCreating(false);
          setCreated(rows);
        }}
      />
      <CreatedCodesDialog codes={created} onClose={() => setCreated(null)} />
    </>
  );
}
