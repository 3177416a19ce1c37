import type { CacheWrites } from "@/lib/billing/pricing";
import type { ErrorCode } from "@/lib/errors";
import type { RelayResult } from "@/lib/gateway/http";
import type { Outcome } from "@/lib/gateway/types";

export type FormatName = "chat" | "completions" | "embeddings" | "messages" | "responses";

/** A client's request as the core needs it, read once (check 5). */
export type ParsedRequest = {
  /** the client's bytes, sent upstream unchanged when nothing needs changing */
  raw: Uint8Array;
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  /** the client asked for the stream's usage itself (OpenAI stream_options.include_usage) */
  clientWantsUsage: boolean;
  /** a true upper bound of the prompt tokens any upstream can bill */
  promptBound: number;
  /** the prompt-cache writes the request can cause */
  cacheWrites: CacheWrites;
  /**
   * The field whose content the request's bytes cannot bound (a document, server-side conversation
   * state), or null. The reservation then holds the model's context window.
   */
  unboundedBy: string | null;
  /** the largest output the client allowed per choice, or null when it set no limit */
  maxOutput: number | null;
  /** how many outputs the upstream may produce and bill (n, best_of) */
  outputMultiplier: number;
  /** what ties calls of one conversation together for sticky routing (prompt_cache_key, metadata.user_id), or null */
  sessionKey: string | null;
};

/** What a client speaks: how to read its requests and how to write its errors. */
export interface InboundFormat {
  name: FormatName;
  /** The endpoint's path below an OpenAI-compatible base URL. */
  path: string;
  /** Check 5: a JSON object with what the format requires, and the reservation's inputs. */
  parse(raw: Uint8Array): Outcome<ParsedRequest>;
  /** An error in the format's own envelope. */
  error(code: ErrorCode | string, message: string, opts?: { param?: string | null; status?: number; type?: string }): RelayResult;
}
