import Form from "next/form";
import Link from "next/link";
import { Download, Filter } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { UsagePageParams } from "@/lib/validation/usage";

type Option = { value: string; label: string };

/** The request log's filters: a GET form, so they live in the URL and work without JavaScript. */
export function UsageFilters({
  params,
  tokens,
  models,
  exportHref,
}: {
  params: UsagePageParams;
  tokens: Option[];
  models: string[];
  exportHref: string;
}) {
  return (
    <Form action="/dashboard/usage" className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" aria-label="Filter requests">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <div className="grid gap-1.5">
          <Label htmlFor="f-token">Token</Label>
          <Select id="f-token" name="tokenId" defaultValue={params.tokenId ?? ""}>
            <option value="">All tokens</option>
            {tokens.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="f-model">Model</Label>
          <Select id="f-model" name="model" defaultValue={params.model ?? ""}>
            <option value="">All models</option>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="f-status">Status</Label>
          <Select id="f-status" name="status" defaultValue={params.status ?? ""}>
            <option value="">Any status</option>
            <option value="success">Succeeded</option>
            <option value="error">Failed</option>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="f-from">From (UTC)</Label>
          <Input id="f-from" name="from" type="date" defaultValue={params.from ?? ""} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="f-to">To (UTC, included)</Label>
          <Input id="f-to" name="to" type="date" defaultValue={params.to ?? ""} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit">
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
    </Form>
  );
}
