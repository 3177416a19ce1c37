"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Download, Filter } from "lucide-react";
import { useTimeZone, ZoneName } from "@/components/layout/time-zone";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { addDays, zonedDay } from "@/lib/time-zone";
import { usageQueryString, type UsagePageParams } from "@/lib/dashboard/usage-params";

type Option = { value: string; label: string };

/** Date ranges one click away, as From/To days in the viewer's zone. */
function presets(zone: string): { label: string; from: string; to: string }[] {
  const today = zonedDay(new Date(), zone);
  return [
    { label: "Today", from: today, to: today },
    { label: "7 days", from: addDays(today, -6), to: today },
    { label: "30 days", from: addDays(today, -29), to: today },
    { label: "This month", from: `${today.slice(0, 8)}01`, to: today },
  ];
}

/**
 * The usage page's filters; they live in the URL. Days are the viewer's own, From must not be after
 * To. `users` (admins only) offers everyone's usage or one person's.
 */
export function UsageFilters({
  params,
  tokens,
  models,
  users,
  exportHref,
}: {
  params: UsagePageParams;
  tokens: Option[];
  models: string[];
  users?: Option[];
  exportHref: string;
}) {
  const router = useRouter();
  const zone = useTimeZone();
  const [v, setV] = useState({
    user: params.user ? String(params.user) : "",
    tokenId: params.tokenId ? String(params.tokenId) : "",
    model: params.model ?? "",
    status: params.status ?? "",
    from: params.from ?? "",
    to: params.to ?? "",
  });
  const rangeError = v.from && v.to && v.from > v.to ? "“From” must be on or before “To”." : undefined;
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((s) => ({ ...s, [k]: e.target.value }));
  // A new filter starts again at the first page, in the same order, breakdown and page size.
  const href = (over: Partial<typeof v>) =>
    `/dashboard/usage${usageQueryString({ ...v, ...over, limit: params.limit, sort: params.sort, order: params.order, view: params.view })}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!rangeError) router.push(href({}));
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" aria-label="Filter requests">
      <div className={users ? "grid gap-3 sm:grid-cols-2 lg:grid-cols-6" : "grid gap-3 sm:grid-cols-2 lg:grid-cols-5"}>
        {users ? (
          <FormField id="f-user" label="User">
            <Select id="f-user" value={v.user} onChange={set("user")}>
              <option value="">Just me</option>
              <option value="all">Everyone</option>
              {users.map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
            </Select>
          </FormField>
        ) : null}
        <FormField id="f-token" label="Token">
          <Select id="f-token" value={v.tokenId} onChange={set("tokenId")}>
            <option value="">All tokens</option>
            {tokens.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="f-model" label="Model">
          <Select id="f-model" value={v.model} onChange={set("model")}>
            <option value="">All models</option>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="f-status" label="Status">
          <Select id="f-status" value={v.status} onChange={set("status")}>
            <option value="">Any status</option>
            <option value="success">Succeeded</option>
            <option value="error">Failed</option>
          </Select>
        </FormField>
        <FormField id="f-from" label="From" error={rangeError}>
          <Input id="f-from" type="date" value={v.from} max={v.to || undefined} onChange={set("from")} />
        </FormField>
        <FormField id="f-to" label="To (included)">
          <Input id="f-to" type="date" value={v.to} min={v.from || undefined} onChange={set("to")} />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
        <span className="text-zinc-500">
          Days in your time zone (<ZoneName />):
        </span>
        {presets(zone).map((p) => (
          <Link key={p.label} href={href({ from: p.from, to: p.to })} className="font-medium underline-offset-4 hover:underline" aria-label={`Show ${p.label.toLowerCase()}`}>
            {p.label}
          </Link>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={!!rangeError}>
          <Filter className="h-4 w-4" aria-hidden />
          Apply filters
        </Button>
        <Link
          href="/dashboard/usage"
          className="inline-flex h-9 items-center rounded-md px-3 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
        >
          Reset
        </Link>
        <a
          href={exportHref}
          download
          className="ml-auto inline-flex h-9 items-center gap-2 rounded-md border border-zinc-300 bg-white px-4 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
        >
          <Download className="h-4 w-4" aria-hidden />
          Export CSV
        </a>
      </div>
    </form>
  );
}
