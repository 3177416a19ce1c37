// How one attempt talks to one channel: the upstream request, and how the upstream's answer
// becomes the client's. The core drives the I/O; a plan only builds and converts. Same format on
// both sides: the client's bytes pass through (plan-native.ts). Different formats: through chat
// completions, the one internal form (plan-convert.ts).
import type { InboundFormat, ParsedRequest } from "@/lib/gateway/formats/types";
import type { RelayResult } from "@/lib/gateway/http";
import { convertedPlan } from "@/lib/gateway/plan-convert";
import { nativePlan } from "@/lib/gateway/plan-native";
import type { ChannelInfo, Outcome, TokenUsage } from "@/lib/gateway/types";

/** Rewrites a streamed answer chunk by chunk and reports what it saw. */
export interface StreamTap {
  push(chunk: Uint8Array): Uint8Array | null;
  end(): Uint8Array | null;
  readonly usage: TokenUsage | null;
  /** set when the upstream reported an error inside the stream (sanitized message) */
  readonly upstreamError: string | null;
  /** the generated text so far, for an estimate when the upstream reports no usage */
  readonly text: string;
  /** The client's last event when the upstream broke off, in the client's format (default: OpenAI's envelope). */
  fail?(code: string, message: string): Uint8Array | null;
}

export type Answer = { result: RelayResult; usage: TokenUsage | null; text: string };

export type UpstreamPlan = {
  upstreamModel: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The client's answer from the upstream's complete 2xx body; a failure means the upstream answered nonsense. */
  answer(bytes: Buffer, contentType: string): Outcome<Answer>;
  stream(): StreamTap;
  /** The client's error from an upstream's final 4xx answer, and its code for the usage record. */
  clientError(status: number, bytes: Buffer): { result: RelayResult; code: string; message: string };
  /** what must never reach a client or a log */
  secrets: string[];
};

export type PlanOptions = {
  /** the max-output to set when the client set none (the reservation's output bound per choice) */
  maxOutput: number;
  requestId: string;
  /** the client's request headers (anthropic-version and anthropic-beta go on to Anthropic) */
  clientHeaders: { get(name: string): string | null };
};

/** Channel types that speak OpenAI's wire format. */
const OPENAI_WIRE = new Set(["openai", "azure"]);

/** Which formats a channel type serves as they are. */
function speaksNatively(format: InboundFormat, channel: ChannelInfo): boolean {
  if (OPENAI_WIRE.has(channel.type)) return format.name !== "messages";
  return channel.type === "anthropic" && format.name === "messages";
}

/**
 * How `channel` serves this request: as it is when the channel speaks the client's format,
 * converted otherwise. A failure means this channel cannot serve it (a format it has no meaning
 * for, or a field that does not convert): not the channel's fault, the next one may.
 */
export function planFor(format: InboundFormat, req: ParsedRequest, channel: ChannelInfo, opts: PlanOptions): Outcome<UpstreamPlan> {
  if (speaksNatively(format, channel)) return { ok: true, value: nativePlan(format, req, channel, opts) };
  return convertedPlan(format, req, channel, opts);
}
