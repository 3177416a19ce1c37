"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { PAGE_SIZES } from "@/lib/dashboard/usage-params";
import { formatNumber } from "@/lib/format";

const linkClass =
  "inline-flex h-8 items-center gap-1 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400";
const off = "inline-flex h-8 items-center gap-1 rounded-md border border-zinc-200 px-3 text-sm font-medium text-zinc-400";

/**
 * The request log's paging: which rows of how many, previous and next page, and the page size.
 * `baseHref` is the page's URL without page and limit.
 */
export function LogPager({ page, limit, total, baseHref }: { page: number; limit: number; total: number; baseHref: string }) {
  const router = useRouter();
  const href = (p: number, l = limit) => `${baseHref}${baseHref.includes("?") ? "&" : "?"}page=${p}&limit=${l}`;
  const first = total === 0 ? 0 : (page - 1) * limit + 1;
  const last = Math.min(total, page * limit);
  const hasNext = page * limit < total;
  return (
    <nav aria-label="Request log pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <div className="flex items-center gap-3 text-zinc-500">
        <span aria-live="polite" data-testid="log-range">
          {total === 0 ? "No requests" : `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`}
        </span>
        <label className="flex items-center gap-2">
          <span className="max-sm:sr-only">Rows per page</span>
          <select
            value={limit}
            onChange={(e) => router.push(href(1, Number(e.target.value)))}
            className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={linkClass}>
            <ChevronLeft className="h-4 w-4" aria-hidden /> Previous
          </Link>
        ) : (
          <span className={off} aria-disabled="true">
            <ChevronLeft className="h-4 w-4" aria-hidden /> Previous
          </span>
        )}
        {hasNext ? (
          <Link href={href(page + 1)} className={linkClass} data-testid="next-page">
            Next <ChevronRight className="h-4 w-4" aria-hidden />
          </Link>
        ) : (
          <span className={off} aria-disabled="true">
            Next <ChevronRight className="h-4 w-4" aria-hidden />
          </span>
        )}
      </div>
    </nav>
  );
}
