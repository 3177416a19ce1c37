"use client";

import { useState, type ReactNode } from "react";
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type Row,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { Search } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Pagination } from "@/components/data-table/pagination";
import { cn } from "@/lib/utils";

declare module "@tanstack/react-table" {
  // Per-column presentation, set as `meta: { align: "right" }` in a feature's columns.tsx.
  interface ColumnMeta<TData extends RowData, TValue> {
    align?: "left" | "right";
    /** Extra classes for the column's cells (header and body). */
    className?: string;
  }
}

// The row actions stay pinned to the right edge, so a narrow screen scrolling the table never hides them.
function cellClass(meta: { align?: "left" | "right"; className?: string } | undefined, columnId: string) {
  return cn(meta?.align === "right" && "text-right", columnId === "actions" && "sticky right-0 bg-inherit", meta?.className);
}

export type FacetFilter = {
  /** The column id whose value is filtered (its accessor must yield a string). */
  columnId: string;
  label: string;
  options: { value: string; label: string }[];
};

export type DataTableProps<TData, TValue> = {
  columns: ColumnDef<TData, TValue>[];
  data: TData[];
  /** Extra controls shown right of the search box (e.g. a "New" button). */
  toolbar?: ReactNode;
  /** Placeholder of the global text search; pass `false` to hide the search box. */
  searchPlaceholder?: string | false;
  /** An optional select filtering one column by exact value (e.g. status). */
  facet?: FacetFilter;
  /** Shown instead of the rows when there is nothing to show. */
  empty?: ReactNode;
  onRowClick?: (row: TData) => void;
  getRowId?: (row: TData, index: number) => string;
  initialSorting?: SortingState;
  pageSize?: number;
  /** Hide the pagination bar (e.g. when the server paginates). */
  paginate?: boolean;
  /** Sorting done by the server: the current order, and what a header asking for another does. */
  serverSort?: { sorting: SortingState; onSortingChange: (next: SortingState) => void };
  className?: string;
  /** data-testid on the <table>. */
  testId?: string;
};

/** The app's one table: global search, sortable headers, an optional facet filter, client pagination. */
export function DataTable<TData, TValue>({
  columns,
  data,
  toolbar,
  searchPlaceholder = "Search…",
  facet,
  empty,
  onRowClick,
  getRowId,
  initialSorting = [],
  pageSize = 20,
  paginate = true,
  serverSort,
  className,
  testId,
}: DataTableProps<TData, TValue>) {
  const [localSorting, setLocalSorting] = useState<SortingState>(initialSorting);
  const sorting = serverSort?.sorting ?? localSorting;
  const [globalFilter, setGlobalFilter] = useState("");
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting, globalFilter, columnFilters },
    manualSorting: !!serverSort,
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      if (serverSort) serverSort.onSortingChange(next);
      else setLocalSorting(next);
    },
    onGlobalFilterChange: setGlobalFilter,
    onColumnFiltersChange: setColumnFilters,
    globalFilterFn: "includesString",
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    ...(paginate ? { getPaginationRowModel: getPaginationRowModel() } : {}),
    initialState: { pagination: { pageSize, pageIndex: 0 } },
  });
  const facetValue = facet ? ((table.getColumn(facet.columnId)?.getFilterValue() as string) ?? "") : "";
  const rows = table.getRowModel().rows;
  const showToolbar = searchPlaceholder !== false || facet || toolbar;

  return (
    <div className={cn("grid min-w-0 grid-cols-1 gap-3", className)}>
      {showToolbar ? (
        <div className="flex flex-wrap items-center gap-2">
          {searchPlaceholder !== false ? (
            <div className="relative w-full sm:w-64">
              <Search className="pointer-events-none absolute top-2.5 left-2.5 h-4 w-4 text-zinc-400" aria-hidden />
              <Input
                type="search"
                value={globalFilter}
                onChange={(e) => setGlobalFilter(e.target.value)}
                placeholder={searchPlaceholder}
                aria-label={searchPlaceholder}
                className="pl-8"
              />
            </div>
          ) : null}
          {facet ? (
            <Select
              value={facetValue}
              onChange={(e) => table.getColumn(facet.columnId)?.setFilterValue(e.target.value || undefined)}
              aria-label={`Filter by ${facet.label}`}
              className="w-full sm:w-44"
            >
              <option value="">All {facet.label.toLowerCase()}</option>
              {facet.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          ) : null}
          {toolbar ? <div className="ml-auto flex items-center gap-2">{toolbar}</div> : null}
        </div>
      ) : null}
      <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm">
        <table className="w-full min-w-max text-sm" data-testid={testId}>
          <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs text-zinc-500">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="bg-zinc-50">
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    scope="col"
                    className={cn("h-10 px-3 font-medium whitespace-nowrap md:px-4", cellClass(header.column.columnDef.meta, header.column.id))}
                    aria-sort={
                      header.column.getIsSorted() === "asc"
                        ? "ascending"
                        : header.column.getIsSorted() === "desc"
                          ? "descending"
                          : undefined
                    }
                  >
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rows.length ? (
              rows.map((row: Row<TData>) => (
                <tr
                  key={row.id}
                  onClick={onRowClick ? () => onRowClick(row.original) : undefined}
                  // Clickable rows are reachable with Tab and open with Enter, like the link they stand for.
                  tabIndex={onRowClick ? 0 : undefined}
                  onKeyDown={
                    onRowClick
                      ? (e) => {
                          if (e.key !== "Enter" || e.target !== e.currentTarget) return;
                          // Otherwise the same key press would also "click" whatever takes focus next (a dialog's close button).
                          e.preventDefault();
                          onRowClick(row.original);
                        }
                      : undefined
                  }
                  className={cn(
                    "bg-white hover:bg-zinc-50",
                    onRowClick && "cursor-pointer focus-visible:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-zinc-400",
                  )}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cn("px-3 py-3 align-middle whitespace-nowrap md:px-4", cellClass(cell.column.columnDef.meta, cell.column.id))}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={columns.length} className="px-4 py-12 text-center text-zinc-500">
                  {data.length ? "No rows match the filters." : (empty ?? "Nothing here yet.")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {paginate && table.getFilteredRowModel().rows.length > Math.min(10, pageSize) ? (
        <Pagination table={table} />
      ) : null}
    </div>
  );
}
