import type { InboundFormat } from "@/lib/gateway/formats/types";
import type { RelayResult } from "@/lib/gateway/http";
import { sanitize } from "@/lib/gateway/upstream";

/** An upstream 4xx in the client's format: its status and message, stripped of anything key-like. */
export function upstreamClientError(
  format: InboundFormat,
  status: number,
  bytes: Buffer,
  secrets: string[],
): { result: RelayResult; code: string; message: string } {
  let message = `The upstream provider rejected the request (HTTP ${status}).`;
  let code = status === 400 ? "invalid_request" : "upstream_error";
  let type: string | undefined;
  let param: string | null = null;
  const text = bytes.toString("utf8");
  try {
    // OpenAI, Azure, Anthropic and Gemini all answer {error: {message, …}}.
    const e = (JSON.parse(text) as { error?: Record<string, unknown> }).error;
    if (e && typeof e.message === "string") message = e.message;
    if (e && typeof e.code === "string") code = e.code;
    if (e && typeof e.type === "string") type = e.type;
    if (e && typeof e.param === "string") param = e.param;
  } catch {
    if (text.trim()) message = text.trim();
  }
  const safeCode = sanitize(code, secrets).slice(0, 100);
  const safeMessage = sanitize(message, secrets);
  const result = format.error(safeCode, safeMessage, {
    status,
    param: param === null ? null : sanitize(param, secrets),
    type: type === undefined ? undefined : sanitize(type, secrets),
  });
  return { result, code: safeCode, message: safeMessage };
}
