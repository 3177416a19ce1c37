"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import type { TokenRow } from "@/components/tokens/types";
import { apiFetch } from "@/lib/api-client";

/** Enable/disable and delete through the API, then re-render the server page. */
export function useTokenActions() {
  const router = useRouter();
  const toast = useToast();
  return useMemo(
    () => ({
    async setStatus(token: TokenRow, status: "active" | "disabled") {
      try {
        await apiFetch(`/api/tokens/${token.id}`, { method: "PATCH", body: { status } });
        toast(`“${token.name}” ${status === "active" ? "enabled" : "disabled"}.`);
        router.refresh();
      } catch (err) {
        toast(err instanceof Error ? err.message : "Could not change the status.", "error");
      }
    },
    /** Throws on failure so the confirmation dialog can show the message. */
    async remove(token: TokenRow) {
      await apiFetch(`/api/tokens/${token.id}`, { method: "DELETE" });
      toast(`“${token.name}” deleted.`);
    },
    }),
    [router, toast],
  );
}
