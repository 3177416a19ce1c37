import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder for a page's title and description. */
export function PageHeaderSkeleton() {
  return (
    <div className="grid gap-2">
      <Skeleton className="h-7 w-40" />
      <Skeleton className="h-4 w-72 max-w-full" />
    </div>
  );
}

/** Placeholder for a page header and a table while the server loads rows. */
export function TableSkeleton({ rows = 6, withChart = false }: { rows?: number; withChart?: boolean }) {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading">
      <PageHeaderSkeleton />
      {withChart ? <Skeleton className="h-64 w-full rounded-xl" /> : null}
      <div className="flex gap-2">
        <Skeleton className="h-9 w-64 max-w-full" />
        <Skeleton className="ml-auto h-9 w-28" />
      </div>
      <div className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-4">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-8 w-full" />
        ))}
      </div>
    </div>
  );
}
