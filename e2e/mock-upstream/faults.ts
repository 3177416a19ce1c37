/** Faults the mock upstream can inject, set for the next requests or per request by header. */
export type MockFault =
  | { type: "delay"; ms: number; times?: number }
  | { type: "status"; status: number; message?: string; retryAfter?: number; times?: number }
  | { type: "reset_mid_stream"; afterChunks: number; times?: number }
  /** the provider's in-stream error event after `afterChunks` events, then the end of the stream */
  | { type: "stream_error"; afterChunks: number; times?: number }
  | { type: "no_usage"; times?: number }
  | { type: "hang"; times?: number }
  | { type: "slow_stream"; chunkDelayMs: number; times?: number };

export type FaultParse = { ok: true; fault: MockFault | null } | { ok: false; message: string };

const nonNegativeInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Validates a fault from JSON; `null` means "no fault". */
export function parseFault(value: unknown): FaultParse {
  if (value === null) return { ok: true, fault: null };
  if (typeof value !== "object" || Array.isArray(value)) return { ok: false, message: "fault must be an object or null" };
  const f = value as Record<string, unknown>;
  if (f.times !== undefined && !(nonNegativeInt(f.times) && f.times > 0)) {
    return { ok: false, message: "times must be a positive integer" };
  }
  const bad = (field: string): FaultParse => ({ ok: false, message: `${String(f.type)} fault needs ${field}` });
  switch (f.type) {
    case "delay":
      return nonNegativeInt(f.ms) ? { ok: true, fault: f as MockFault } : bad("ms: non-negative integer");
    case "status":
      if (!(Number.isInteger(f.status) && (f.status as number) >= 400 && (f.status as number) <= 599)) {
        return bad("status: 400..599");
      }
      if (f.message !== undefined && typeof f.message !== "string") return bad("message: string");
      if (f.retryAfter !== undefined && !nonNegativeInt(f.retryAfter)) return bad("retryAfter: seconds");
      return { ok: true, fault: f as MockFault };
    case "reset_mid_stream":
    case "stream_error":
      return nonNegativeInt(f.afterChunks) ? { ok: true, fault: f as MockFault } : bad("afterChunks: non-negative integer");
    case "slow_stream":
      return nonNegativeInt(f.chunkDelayMs) ? { ok: true, fault: f as MockFault } : bad("chunkDelayMs: non-negative integer");
    case "no_usage":
    case "hang":
      return { ok: true, fault: f as MockFault };
    default:
      return { ok: false, message: `unknown fault type: ${String(f.type)}` };
  }
}

/** The standing fault and how many more requests it applies to. */
export class FaultState {
  private fault: MockFault | null = null;
  private remaining = Infinity;

  /** Sets (or clears, with null) the fault for the following requests. */
  set(fault: MockFault | null): void {
    this.fault = fault;
    this.remaining = fault?.times ?? Infinity;
  }

  /** The fault for the next request, counting it against `times`. */
  take(): MockFault | null {
    const fault = this.fault;
    if (fault === null) return null;
    this.remaining -= 1;
    if (this.remaining <= 0) this.set(null);
    return fault;
  }
}

/** Default OpenAI error type and code for an injected status. */
export function errorKind(status: number): { type: string; code: string | null } {
  if (status === 429) return { type: "requests", code: "rate_limit_exceeded" };
  if (status === 401) return { type: "invalid_request_error", code: "invalid_api_key" };
  if (status === 404) return { type: "invalid_request_error", code: "model_not_found" };
  if (status < 500) return { type: "invalid_request_error", code: null };
  return { type: "server_error", code: null };
}
