// POST /v1/messages/count_tokens (Claude Code uses it to decide when to compact): a real count,
// from an Anthropic channel serving the model when there is one, else from the tokenizer. Free of
// charge; the token's checks apply as to any call.
import { promptPieces } from "@/lib/billing/estimate";
import { authenticate } from "@/lib/gateway/authenticate";
import { checkModelAllowed, checkModelServed } from "@/lib/gateway/checks";
import { anthropicError } from "@/lib/gateway/formats/anthropic-response";
import { parseAnthropicRequest } from "@/lib/gateway/formats/anthropic-messages";
import { jsonResult, type RelayInput, type RelayResult } from "@/lib/gateway/http";
import { anthropicHeaders, anthropicUrl } from "@/lib/gateway/providers/anthropic";
import { orderChannels, upstreamModelName } from "@/lib/gateway/routing";
import { readAll } from "@/lib/gateway/upstream";
import type { ChannelInfo, Failure, GatewayDeps } from "@/lib/gateway/types";

const refuse = (o: Failure) => anthropicError(o.code, o.message, { param: o.param ?? null });

/** The count from an Anthropic channel, or null when it did not answer one. */
async function countUpstream(input: RelayInput, deps: GatewayDeps, channel: ChannelInfo, body: Record<string, unknown>, model: string) {
  const client = { version: input.headers.get("anthropic-version"), beta: input.headers.get("anthropic-beta") };
  try {
    const res = await deps.upstream({
      url: anthropicUrl(channel.baseUrl, "count_tokens"),
      method: "POST",
      headers: anthropicHeaders(channel.apiKey, client, channel.headers),
      body: JSON.stringify({ ...body, model: upstreamModelName(channel, model) }),
      signal: input.signal,
      timeoutMs: deps.config.upstreamTimeoutMs,
    });
    const bytes = await readAll(res.body, 64 * 1024);
    if (res.status !== 200) return null;
    const count = (JSON.parse(bytes.toString("utf8")) as { input_tokens?: unknown }).input_tokens;
    return Number.isSafeInteger(count) && (count as number) >= 0 ? (count as number) : null;
  } catch {
    return null;
  }
}

export async function countTokens(input: RelayInput, deps: GatewayDeps): Promise<RelayResult> {
  const { outcome } = await authenticate(input, deps);
  if (!outcome.ok) {
    deps.refused(outcome.code);
    return refuse(outcome);
  }
  const raw = await input.readBody(deps.config.maxBodyBytes);
  if (!raw.ok) return refuse(raw);
  const parsed = parseAnthropicRequest(raw.value, "count_tokens");
  if (!parsed.ok) return refuse(parsed);
  const { model, body } = parsed.value;
  const allowed = checkModelAllowed(outcome.value, model);
  if (!allowed.ok) return refuse(allowed);
  const served = checkModelServed(await deps.routing(), outcome.value.group, model);
  if (!served.ok) return refuse(served);

  for (const channel of orderChannels(served.value.channels, deps.random).filter((c) => c.type === "anthropic")) {
    const count = await countUpstream(input, deps, channel, body, model);
    if (count !== null) return jsonResult(200, { input_tokens: count });
  }
  const { texts, extra } = promptPieces(body);
  const counts = await deps.countTokens(texts);
  return jsonResult(200, { input_tokens: counts.reduce((a, b) => a + b, extra) });
}
