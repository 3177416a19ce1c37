import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalDate } from "@/components/ui/local-date";
import type { TokenRow } from "@/components/tokens/types";
import { formatUsd } from "@/lib/format";
import { LIMIT_FIELDS, LIMIT_LABELS } from "@/lib/validation/limits";

const PERIOD_LABELS = { daily: "Daily", weekly: "Weekly", monthly: "Monthly" } as const;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[9rem_1fr] sm:gap-4">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function List({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="text-zinc-500">{empty}</span>;
  return (
    <div className="flex flex-wrap gap-1.5">
      {items.map((x) => (
        <Badge key={x} variant="outline" className="font-mono">
          {x}
        </Badge>
      ))}
    </div>
  );
}

/** Everything a token is configured with. */
export function TokenProperties({ token }: { token: TokenRow }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Properties</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="divide-y divide-zinc-100" data-testid="token-properties">
          <Row label="Key">
            <code className="font-mono text-xs">{token.keyPreview}</code>
          </Row>
          <Row label="Group">
            <Badge variant="outline">{token.group}</Badge>
          </Row>
          <Row label="Quota period">
            {token.quotaPeriod === "none" ? (
              <span className="text-zinc-500">None (lifetime quota)</span>
            ) : (
              <span>
                {PERIOD_LABELS[token.quotaPeriod]} · {formatUsd(token.periodUsed)} used, {token.remainingQuota === null ? "no cap" : `${formatUsd(token.remainingQuota)} left`} · resets{" "}
                <LocalDate value={token.periodResetsAt} />
              </span>
            )}
          </Row>
          <Row label="Limits">
            <span className="tabular-nums" data-testid="token-limits-summary">
              {LIMIT_FIELDS.map((f) => `${token[f] === null ? "no limit" : token[f]!.toLocaleString("en-US")} ${LIMIT_LABELS[f].unit}`).join(" · ")}
            </span>
          </Row>
          <Row label="Expires">
            <LocalDate value={token.expiresAt} empty="Never" />
          </Row>
          <Row label="Allowed models">
            <List items={token.allowedModels} empty="Every model of the group" />
          </Row>
          <Row label="Allowed IPs">
            <List items={token.allowedIps} empty="Any address" />
          </Row>
          <Row label="Created">
            <LocalDate value={token.createdAt} />
          </Row>
          <Row label="Last used">
            <LocalDate value={token.lastUsedAt} empty="Never" />
          </Row>
        </dl>
      </CardContent>
    </Card>
  );
}
