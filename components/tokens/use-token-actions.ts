"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import type { TokenRow } from "@/components/tokens/types";
import { callApi } from "@/lib/api-client";

/** Enable/disable and delete through the API, then re-render the server page. */
export function useTokenActions() {
  const router = useRouter();
  const toast = useToast();
  return useMemo(
    () => ({
      async setStatus(token: TokenRow, status: "active" | "disabled") {
        const res = await callApi("PATCH", `/api/tokens/${token.id}`, { status });
        if (!res.ok) return toast(res.message, "error");
        toast(`“${token.name}” ${status === "active" ? "enabled" : "disabled"}.`);
        router.refresh();
      },
      /** Throws on failure so the confirmation dialog can show the message. */
      async remove(token: TokenRow) {
        const res = await callApi("DELETE", `/api/tokens/${token.id}`);
        if (!res.ok) throw new Error(res.message);
        toast(`“${token.name}” deleted.`);
      },
    }),
    [router, toast],
  );
}
