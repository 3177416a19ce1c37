import type { usageToJson } from "@/lib/services/usage";

/** A usage record as the dashboard receives it (CONTRACT §3 and §5 UsageRecord). */
export type UsageRecordRow = ReturnType<typeof usageToJson>;

/** The short reason of a failed call: its error message, else its code; null for a success. */
export function errorText(r: UsageRecordRow): string | null {
  if (r.status < 400) return null;
  return r.errorMessage || r.errorCode || null;
}
