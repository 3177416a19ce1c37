"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { CheckCircle2, KeyRound, Loader2, PlugZap, XCircle } from "lucide-react";
import type { ChannelRow, ChannelTestResult } from "@/components/admin/channels/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LocalDate } from "@/components/ui/local-date";
import { callApi } from "@/lib/api-client";
import { formatNumber } from "@/lib/format";

type Key = ChannelRow["keys"][number];

/** A channel's keys under its name: the one key masked, or how many there are and how many are set aside (opens the list). */
export function ChannelKeys({ channel }: { channel: ChannelRow }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // The states as last read: a key's test changes them; the page itself is refreshed on closing.
  const [states, setStates] = useState<Key[] | null>(null);
  const keys = open && states ? states : channel.keys;
  async function reread() {
    const res = await callApi<ChannelRow>("GET", `/api/admin/channels/${channel.id}`);
    if (res.ok) setStates(res.data.keys);
  }
  function close() {
    setOpen(false);
    setStates(null);
    router.refresh();
  }
  if (channel.keys.length <= 1) return <span className="font-mono text-xs text-zinc-400">key {channel.apiKeyPreview}</span>;
  const aside = keys.filter((k) => k.state === "cooling_down").length;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="inline-flex items-center gap-1 justify-self-start rounded text-xs text-zinc-600 underline-offset-2 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
        aria-label={`Keys of channel ${channel.name}`}
      >
        <KeyRound className="h-3 w-3" aria-hidden />
        {channel.keys.length} keys
        {aside ? <span className="font-medium text-amber-700">· {aside} set aside</span> : null}
      </button>
      <Dialog
        open={open}
        onClose={close}
        title={`Keys of “${channel.name}”`}
        description="Used in turn. A key the upstream refuses (401/403) or rate-limits (429) is set aside for a while on this instance; the others keep serving."
        testId="channel-keys-dialog"
        // Opened from a table cell: its nowrap and alignment must not reach the dialog.
        className="whitespace-normal text-left"
      >
        <ul className="grid gap-2" aria-label="Upstream keys">
          {keys.map((k) => (
            <KeyItem key={k.index} channel={channel} item={k} tested={reread} />
          ))}
        </ul>
      </Dialog>
    </>
  );
}

function KeyState({ item }: { item: Key }) {
  if (item.state === "ok") return <Badge variant="success">In service</Badge>;
  return (
    <Badge variant="warning" title={item.lastStatus ? `The upstream answered HTTP ${item.lastStatus}` : undefined}>
      Set aside{item.lastStatus ? ` (HTTP ${item.lastStatus})` : ""} until <LocalDate value={item.until} mode="precise" />
    </Badge>
  );
}

/** One key: masked, its state, and a test of that key alone. */
function KeyItem({ channel, item, tested }: { channel: ChannelRow; item: Key; tested: () => Promise<void> }) {
  const [test, setTest] = useState<{ kind: "idle" } | { kind: "running" } | { kind: "done"; result: ChannelTestResult } | { kind: "error"; message: string }>({
    kind: "idle",
  });
  async function run() {
    setTest({ kind: "running" });
    const res = await callApi<ChannelTestResult>("POST", `/api/admin/channels/${channel.id}/test?key=${item.index}`);
    setTest(res.ok ? { kind: "done", result: res.data } : { kind: "error", message: res.message });
    // A test changes the key's state (back in service, or set aside).
    await tested();
  }
  return (
    <li className="grid gap-1 rounded-lg border border-zinc-200 px-3 py-2" data-testid={`channel-key-${item.index}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm text-zinc-800">{item.preview}</span>
        <KeyState item={item} />
        <Button
          variant="outline"
          size="sm"
          className="ml-auto"
          onClick={run}
          disabled={test.kind === "running"}
          aria-label={`Test key ${item.index + 1} (${item.preview})`}
        >
          {test.kind === "running" ? <Loader2 className="h-3.5 w-3.5 animate-spin" aria-hidden /> : <PlugZap className="h-3.5 w-3.5" aria-hidden />}
          Test
        </Button>
      </div>
      <span aria-live="polite" className="text-xs empty:hidden">
        {test.kind === "error" ? <span className="text-red-600">{test.message}</span> : null}
        {test.kind === "done" && test.result.ok ? (
          <span className="inline-flex items-center gap-1 font-medium text-emerald-700">
            <CheckCircle2 className="h-3.5 w-3.5" aria-hidden />
            OK · {formatNumber(test.result.latencyMs)} ms
          </span>
        ) : null}
        {test.kind === "done" && !test.result.ok ? (
          <span className="inline-flex items-start gap-1 text-red-700">
            <XCircle className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
            <span className="break-words">{test.result.error}</span>
          </span>
        ) : null}
      </span>
    </li>
  );
}
