"use client";

import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { NewButton } from "@/components/ui/new-button";
import { tokenColumns } from "@/components/tokens/columns";
import { KeyRevealDialog } from "@/components/tokens/key-reveal-dialog";
import { TokenFormDialog } from "@/components/tokens/token-form-dialog";
import { TOKEN_STATE_OPTIONS, type TokenRow } from "@/components/tokens/types";
import { useTokenActions } from "@/components/tokens/use-token-actions";
import type { TokenGroupOption } from "@/lib/dashboard/token-options";

/** The tokens page's interactive part: table, create/edit dialog, key reveal, delete confirmation. */
export function TokensTable({
  tokens,
  groups,
  origin,
  startCreating = false,
}: {
  tokens: TokenRow[];
  groups: TokenGroupOption[];
  /** The gateway's origin, for the snippets shown with a new key. */
  origin: string;
  /** Open the "New token" dialog at once (the overview's "Create your first token" link). */
  startCreating?: boolean;
}) {
  const router = useRouter();
  const actions = useTokenActions();
  const [editing, setEditing] = useState<TokenRow | null | undefined>(startCreating ? null : undefined);
  const [created, setCreated] = useState<{ key: string; name: string; model: string } | null>(null);
  const [deleting, setDeleting] = useState<TokenRow | null>(null);

  const columns = useMemo(
    () =>
      tokenColumns({
        edit: (t) => setEditing(t),
        toggle: (t) => actions.setStatus(t, t.status === "active" ? "disabled" : "active"),
        remove: (t) => setDeleting(t),
      }),
    [actions],
  );
  const newButton = <NewButton onClick={() => setEditing(null)}>New token</NewButton>;

  return (
    <>
      <DataTable
        columns={columns}
        data={tokens}
        getRowId={(t) => String(t.id)}
        searchPlaceholder="Search tokens…"
        facet={{ columnId: "status", label: "Statuses", options: TOKEN_STATE_OPTIONS }}
        toolbar={newButton}
        onRowClick={(t) => router.push(`/dashboard/tokens/${t.id}`)}
        testId="tokens-table"
        empty={
          <EmptyState
            icon={KeyRound}
            title="No tokens yet"
            description="Create a token to call the API from your applications with any OpenAI client."
          />
        }
      />
      <TokenFormDialog
        open={editing !== undefined}
        token={editing ?? null}
        groups={groups}
        onClose={() => setEditing(undefined)}
        onSaved={(saved) => {
          setEditing(undefined);
          if (saved.key) {
            const served = groups.find((g) => g.name === saved.group)?.models ?? [];
            setCreated({ key: saved.key, name: saved.name, model: saved.allowedModels[0] ?? served[0] ?? "gpt-4o-mini" });
          }
        }}
      />
      <KeyRevealDialog tokenKey={created?.key ?? null} name={created?.name ?? ""} origin={origin} model={created?.model ?? ""} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete “${deleting?.name ?? ""}”?`}
        description="Applications using this key stop working at once. Its usage history is kept. This cannot be undone."
        confirmLabel="Delete token"
        onConfirm={async () => {
          if (deleting) await actions.remove(deleting);
          router.refresh();
        }}
      />
    </>
  );
}
