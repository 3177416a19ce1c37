import { cookies, headers } from "next/headers";
import { parseTheme, THEME_COOKIE, type Theme } from "@/lib/dashboard/theme";
import { DEFAULT_TIME_ZONE, TIME_ZONE_COOKIE, validTimeZone } from "@/lib/time-zone";

/** The viewer's time zone as their browser last reported it (UTC until it has). */
export async function viewerTimeZone(): Promise<string> {
  return validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? DEFAULT_TIME_ZONE;
}

/** The theme the viewer chose. */
export async function viewerTheme(): Promise<Theme> {
  return parseTheme((await cookies()).get(THEME_COOKIE)?.value);
}

/** This gateway's origin as the viewer reaches it (scheme, host and port), e.g. "https://llm.example.com". */
export async function gatewayOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0].trim() || h.get("host") || "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0].trim() || "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
