"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { PAGE_SIZES } from "@/lib/dashboard/usage-params";

const linkClass =
  "inline-flex h-8 items-center gap-1 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400";

/** The request log's paging: back to the newest, the next older page, and the page size (`sizeHref` + `limit=`). */
export function LogPager({ newest, older, limit, sizeHref }: { newest: string | null; older: string | null; limit: number; sizeHref: string }) {
  const router = useRouter();
  return (
    <nav aria-label="Request log pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <label className="flex items-center gap-2 text-zinc-500">
        Rows per page
        <select
          value={limit}
          onChange={(e) => router.push(`${sizeHref}${sizeHref.includes("?") ? "&" : "?"}limit=${e.target.value}`)}
          className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-center gap-2">
        {newest ? (
          <Link href={newest} className={linkClass}>
            <ChevronLeft className="h-4 w-4" aria-hidden /> Newest
          </Link>
        ) : null}
        {older ? (
          <Link href={older} className={linkClass} data-testid="next-page">
            Older <ChevronRight className="h-4 w-4" aria-hidden />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
