"use client";

import { formatDate, formatDateTime, formatRelative } from "@/lib/format";

/**
 * A date in the viewer's own locale and time zone. The server renders its own locale;
 * the browser re-renders with the user's, so the hydration difference is expected.
 */
export function LocalDate({
  value,
  mode = "datetime",
  empty = "—",
}: {
  value: string | Date | null | undefined;
  mode?: "date" | "datetime" | "precise" | "relative";
  empty?: string;
}) {
  if (value == null) return <span className="text-zinc-400">{empty}</span>;
  const iso = typeof value === "string" ? value : value.toISOString();
  const text =
    mode === "date"
      ? formatDate(iso)
      : mode === "relative"
        ? formatRelative(iso)
        : formatDateTime(iso, undefined, mode === "precise");
  return (
    <time dateTime={iso} title={formatDateTime(iso, undefined, true)} suppressHydrationWarning>
      {text}
    </time>
  );
}
