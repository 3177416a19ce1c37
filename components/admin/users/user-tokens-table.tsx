"use client";

import { KeyRound } from "lucide-react";
import { userTokenColumns } from "@/components/admin/users/token-columns";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { TOKEN_STATE_OPTIONS, type TokenRow } from "@/components/tokens/types";

/** One user's API tokens, as an admin sees them. */
export function UserTokensTable({ tokens }: { tokens: TokenRow[] }) {
  return (
    <DataTable
      columns={userTokenColumns}
      data={tokens}
      getRowId={(t) => String(t.id)}
      searchPlaceholder="Search tokens…"
      facet={{ columnId: "status", label: "Statuses", options: TOKEN_STATE_OPTIONS }}
      testId="user-tokens-table"
      empty={<EmptyState icon={KeyRound} title="No tokens" description="This user has not created any API token yet." />}
    />
  );
}
