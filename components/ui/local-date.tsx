"use client";

import { useTimeZone } from "@/components/layout/time-zone";
import { formatDate, formatDateTime, formatRelative } from "@/lib/format";

/**
 * A date in the viewer's time zone, the same text on the server and in the browser. "datetime" names
 * the zone; "precise" adds seconds and leaves the zone to the table header ("Time (PDT)").
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
  const zone = useTimeZone();
  if (value == null) return <span className="text-zinc-400">{empty}</span>;
  const iso = typeof value === "string" ? value : value.toISOString();
  const text =
    mode === "date"
      ? formatDate(iso, zone)
      : mode === "relative"
        ? formatRelative(iso)
        : formatDateTime(iso, zone, mode === "precise" ? { seconds: true, zoneName: false } : {});
  return (
    // Relative times depend on the moment of rendering, which differs between server and browser.
    <time dateTime={iso} title={formatDateTime(iso, zone, { seconds: true })} suppressHydrationWarning={mode === "relative"}>
      {text}
    </time>
  );
}
