"use client";

import { useState } from "react";
import { CheckCircle2, Loader2, PlugZap, XCircle } from "lucide-react";
import { callApi } from "@/lib/api-client";
import type { ChannelRow, ChannelTestResult } from "@/components/admin/channels/types";
import { Button } from "@/components/ui/button";
import { formatNumber } from "@/lib/format";

/** Sends a 1-token request through the channel and shows the latency or the (key-free) error. */
export function ChannelTestButton({ channel }: { channel: ChannelRow }) {
  const [state, setState] = useState<{ kind: "idle" } | { kind: "running" } | { kind: "done"; result: ChannelTestResult } | { kind: "error"; message: string }>({
    kind: "idle",
  });
  async function run() {
    setState({ kind: "running" });
    const res = await callApi<ChannelTestResult>("POST", `/api/admin/channels/${channel.id}/test`);
    setState(res.ok ? { kind: "done", result: res.data } : { kind: "error", message: res.message });
  }
  return (
    <div className="grid max-w-44 justify-items-start gap-1">
      <Button variant="outline" size="sm" onClick={run} disabled={state.kind === "running"} aria-label={`Test channel ${channel.name}`}>
        {state.kind === "running" ? <Loader2 className="h-3.5 w-3.5 animate-spin" aria-hidden /> : <PlugZap className="h-3.5 w-3.5" aria-hidden />}
        Test
      </Button>
      <span aria-live="polite" data-testid={`channel-test-result-${channel.id}`} className="min-w-0 text-xs whitespace-normal empty:hidden">
        {state.kind === "running" ? <span className="text-zinc-500">Testing…</span> : null}
        {state.kind === "error" ? <span className="text-red-600">{state.message}</span> : null}
        {state.kind === "done" && state.result.ok ? (
          <span className="inline-flex items-center gap-1 font-medium text-emerald-700">
            <CheckCircle2 className="h-3.5 w-3.5" aria-hidden />
            OK · {formatNumber(state.result.latencyMs)} ms
          </span>
        ) : null}
        {state.kind === "done" && !state.result.ok ? (
          <span className="flex items-start gap-1 whitespace-normal text-red-700" title={state.result.error}>
            <XCircle className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
            <span className="line-clamp-2 break-words">
              Failed after {formatNumber(state.result.latencyMs)} ms: {state.result.error}
            </span>
          </span>
        ) : null}
      </span>
    </div>
  );
}
