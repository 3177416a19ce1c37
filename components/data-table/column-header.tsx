"use client";

import type { ReactNode } from "react";
import type { Column } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { cn } from "@/lib/utils";

/** A column title (and `children` after it, e.g. a unit) that toggles sorting when the column can sort. */
export function ColumnHeader<TData, TValue>({
  column,
  title,
  className,
  children,
}: {
  column: Column<TData, TValue>;
  title: string;
  className?: string;
  children?: ReactNode;
}) {
  if (!column.getCanSort()) {
    return (
      <span className={className}>
        {title}
        {children}
      </span>
    );
  }
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
  return (
    <button
      type="button"
      onClick={() => column.toggleSorting(sorted === "asc")}
      className={cn(
        "-ml-2 inline-flex items-center gap-1 rounded-md px-2 py-1 font-medium hover:bg-zinc-100",
        "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
        className,
      )}
      aria-label={`Sort by ${title}`}
    >
      <span>
        {title}
        {children}
      </span>
      <Icon className={cn("h-3.5 w-3.5", sorted ? "text-zinc-900" : "text-zinc-400")} aria-hidden />
    </button>
  );
}
