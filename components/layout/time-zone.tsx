"use client";

import { createContext, useContext, useEffect, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { DEFAULT_TIME_ZONE, TIME_ZONE_COOKIE, validTimeZone, zoneAbbreviation } from "@/lib/time-zone";

const TimeZoneContext = createContext(DEFAULT_TIME_ZONE);

// Once per page load: a browser whose zone the server cannot use must not refresh forever.
let reported = false;

/**
 * Gives client components the viewer's time zone as the server knew it (from the cookie), so server
 * and browser render the same text. When the browser's zone differs (first visit, travel), it stores
 * it in the cookie and re-renders the page in it.
 */
export function TimeZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  const router = useRouter();
  useEffect(() => {
    const browser = validTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? DEFAULT_TIME_ZONE;
    if (browser === zone || reported) return;
    reported = true;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browser)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [zone, router]);
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

/** The viewer's IANA time zone, e.g. "America/Los_Angeles". */
export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

/** The viewer's zone as a short label ("PDT"), e.g. for a "Time (PDT)" column header; the full name on hover. */
export function ZoneName() {
  const zone = useTimeZone();
  return <abbr title={zone} className="no-underline">{zoneAbbreviation(zone)}</abbr>;
}
