"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { LocalDate } from "@/components/ui/local-date";
import { Money } from "@/components/ui/money";
import { errorText, type UsageRecordRow } from "@/components/usage/types";
import { formatLatency, formatNumber } from "@/lib/format";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 py-2 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

/** Everything the log holds about one request; what a record does not have is left out. */
export function UsageDetailDialog({ record: r, onClose }: { record: UsageRecordRow | null; onClose: () => void }) {
  const error = r ? errorText(r) : null;
  return (
    <Dialog open={r !== null} onClose={onClose} title="Request details" className="max-w-2xl" testId="usage-detail">
      {r ? (
        <dl className="divide-y divide-zinc-100">
          <Row label="Request id">
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-xs break-all">{r.requestId}</code>
              <CopyButton value={r.requestId} label="Copy request id" iconOnly />
            </span>
          </Row>
          <Row label="Time">
            <LocalDate value={r.createdAt} />
          </Row>
          <Row label="Token">{r.tokenName}</Row>
          <Row label="Model">
            <code className="font-mono text-xs">{r.model}</code>
            {r.upstreamModel && r.upstreamModel !== r.model ? <span className="text-zinc-500"> → sent as {r.upstreamModel}</span> : null}
            {r.stream ? <Badge variant="info" className="ml-2">stream</Badge> : null}
          </Row>
          <Row label="Status">
            <Badge variant={r.status < 400 ? "success" : r.status < 500 ? "warning" : "danger"}>{r.status}</Badge>
            {r.errorCode ? <code className="ml-2 font-mono text-xs">{r.errorCode}</code> : null}
          </Row>
          {error ? <Row label="Error">{error}</Row> : null}
          <Row label="Cost">
            <Money credits={r.cost} inline />
            {r.estimated ? <span className="ml-2 text-xs text-amber-700">estimated: the upstream reported no usage</span> : null}
          </Row>
          <Row label="Tokens">
            {formatNumber(r.promptTokens)} in ({formatNumber(r.cachedTokens)} cached
            {r.cacheWriteTokens ? `, ${formatNumber(r.cacheWriteTokens)} written to cache` : ""}
            {r.cacheWrite1hTokens ? `, ${formatNumber(r.cacheWrite1hTokens)} written to the 1-hour cache` : ""}) · {formatNumber(r.completionTokens)}{" "}
            out
            {r.reasoningTokens ? ` (${formatNumber(r.reasoningTokens)} reasoning)` : ""}
          </Row>
          <Row label="Latency">
            {formatLatency(r.latencyMs)}
            {r.ttfbMs != null ? ` · first token after ${formatLatency(r.ttfbMs)}` : ""}
          </Row>
          <Row label="Channel">{r.channelId ?? "—"}</Row>
          {r.attempts.length > 1 || (r.attempts.length === 1 && r.attempts[0].error) ? (
            <Row label="Attempts">
              <ol className="grid gap-1">
                {r.attempts.map((a, i) => (
                  <li key={i} className="text-xs">
                    Channel {a.channelId ?? "—"}: {a.status ?? "no answer"} after {formatLatency(a.ms)}
                    {a.error ? ` — ${a.error}` : ""}
                  </li>
                ))}
              </ol>
            </Row>
          ) : null}
          {r.clientIp ? <Row label="Client IP">{r.clientIp}</Row> : null}
          {r.userAgent ? <Row label="User agent">{r.userAgent}</Row> : null}
        </dl>
      ) : null}
    </Dialog>
  );
}
