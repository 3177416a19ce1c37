"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Power, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TokenFormDialog } from "@/components/tokens/token-form-dialog";
import type { TokenRow } from "@/components/tokens/types";
import { useTokenActions } from "@/components/tokens/use-token-actions";
import type { TokenGroupOption } from "@/lib/dashboard/token-options";

/** Edit, enable/disable and delete buttons of a token's own page. */
export function TokenDetailActions({ token, groups }: { token: TokenRow; groups: TokenGroupOption[] }) {
  const router = useRouter();
  const actions = useTokenActions();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const active = token.status === "active";
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="outline" onClick={() => setEditing(true)}>
        <Pencil className="h-4 w-4" aria-hidden />
        Edit
      </Button>
      <Button variant="outline" onClick={() => actions.setStatus(token, active ? "disabled" : "active")}>
        <Power className="h-4 w-4" aria-hidden />
        {active ? "Disable" : "Enable"}
      </Button>
      <Button variant="destructive" onClick={() => setDeleting(true)}>
        <Trash2 className="h-4 w-4" aria-hidden />
        Delete
      </Button>
      <TokenFormDialog
        open={editing}
        token={token}
        groups={groups}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete “${token.name}”?`}
        description="Applications using this key stop working at once. Its usage history is kept. This cannot be undone."
        confirmLabel="Delete token"
        onConfirm={async () => {
          await actions.remove(token);
          router.push("/dashboard/tokens");
          router.refresh();
        }}
      />
    </div>
  );
}
