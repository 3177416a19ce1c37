import { worstCaseCost } from "@/lib/billing/pricing";
import { countPromptTokens, promptUpperBound } from "@/lib/billing/estimate";
import { errorResponse } from "@/lib/errors";
import { extractApiKey, hashApiKey, looksLikeApiKey } from "@/lib/gateway/api-key";
import { checkModelAllowed, checkModelServed, checkTokenAccess, modelsForToken } from "@/lib/gateway/checks";
import { parseRequest, readBody, requestedMaxOutput } from "@/lib/gateway/request";
import { relayCall } from "@/lib/gateway/relay-call";
import { finishCall, type CallContext } from "@/lib/gateway/settle";
import type { AuthToken, Endpoint, GatewayDeps, Hold, Outcome } from "@/lib/gateway/types";

export type RelayInput = { request: Request; requestId: string; clientIp: string | null };

type Failure = Extract<Outcome, { ok: false }>;

function fail(o: Failure): Response {
  return errorResponse(o.code, o.message, { param: o.param ?? null });
}

/** Checks 1–4: a known key, active, not expired, from an allowed address. */
async function authenticate(input: RelayInput, deps: GatewayDeps): Promise<Outcome<AuthToken>> {
  const key = extractApiKey(input.request.headers);
  const token = key && looksLikeApiKey(key) ? await deps.findToken(hashApiKey(key)) : null;
  if (!token) {
    return {
      ok: false,
      code: "invalid_api_key",
      message: key ? "Incorrect API key provided." : "You didn't provide an API key. Use 'Authorization: Bearer <key>'.",
    };
  }
  const access = checkTokenAccess(token, input.clientIp, deps.now());
  if (!access.ok) return access;
  deps.touchToken(token.id);
  return { ok: true, value: token };
}

/** GET /v1/models: the models this token may call, in OpenAI's list shape. */
export async function handleListModels(input: RelayInput, deps: GatewayDeps): Promise<Response> {
  const auth = await authenticate(input, deps);
  if (!auth.ok) return fail(auth);
  const names = modelsForToken(await deps.routing(), auth.value);
  return Response.json({
    object: "list",
    data: names.map((id) => ({ id, object: "model", created: 0, owned_by: "gateway" })),
  });
}

/**
 * A billed relay call (chat, completions, embeddings), in the contract's order: authenticate,
 * parse, model allowed, model served, reserve the worst case, relay with failover, settle.
 */
export async function handleRelay(input: RelayInput, endpoint: Endpoint, deps: GatewayDeps): Promise<Response> {
  const started = deps.now();
  const auth = await authenticate(input, deps);
  if (!auth.ok) return fail(auth);
  const token = auth.value;

  const raw = await readBody(input.request, deps.config.maxBodyBytes);
  if (!raw.ok) return fail(raw);
  const parsed = parseRequest(raw.value, endpoint);
  if (!parsed.ok) return fail(parsed);
  const req = parsed.value;

  const allowed = checkModelAllowed(token, req.model);
  if (!allowed.ok) return fail(allowed);
  const served = checkModelServed(await deps.routing(), token.group, req.model);
  if (!served.ok) return fail(served);
  const { model, groupRatio, channels } = served.value;

  const rate = await deps.rateLimit(token);
  if (!rate.ok) {
    return errorResponse("rate_limit_exceeded", "Rate limit reached for this API key. Retry after the indicated time.", {
      headers: { "retry-after": String(rate.retryAfterSeconds) },
    });
  }

  const ctx: CallContext = { deps, requestId: input.requestId, started, endpoint, token, req, model, groupRatio, hold: null };
  const reserved = await reserve(ctx);
  if (!reserved.ok) return fail(reserved);
  ctx.hold = reserved.value;

  try {
    return await relayCall(ctx, channels, input.request.signal);
  } catch (err) {
    // Only infrastructure failures reach here; release the hold and answer 500.
    await finishCall(ctx, { channel: null, upstreamModel: null, status: 500, errorCode: "internal_error", produced: false, usage: null, text: "" });
    throw err;
  }
}

/**
 * Check 9: reserve the worst-case cost on the token and the owner's balance. The prompt bound needs
 * no tokenizer; the exact count is taken only when the bound does not fit what is left.
 */
async function reserve(ctx: CallContext): Promise<Outcome<Hold | null>> {
  const { deps, req, endpoint, model, groupRatio, token } = ctx;
  const maxOutput = requestedMaxOutput(req.body, endpoint, model.maxOutputTokens);
  const hold = (amount: number): Hold => ({
    requestId: ctx.requestId,
    userId: token.userId,
    tokenId: token.id,
    amount,
  });
  let amount = worstCaseCost(promptUpperBound(req.body, endpoint), maxOutput, model, groupRatio);
  if (amount === 0) return { ok: true, value: null };
  let outcome = await deps.reserve(hold(amount));
  if (!outcome.ok && model.fixedPrice == null) {
    const exact = worstCaseCost(await countPromptTokens(req.body, endpoint), maxOutput, model, groupRatio);
    if (exact < amount) {
      amount = exact;
      outcome = exact === 0 ? { ok: true } : await deps.reserve(hold(amount));
    }
  }
  if (!outcome.ok) {
    const what = outcome.which === "token" ? "this API key's remaining quota" : "your account balance";
    return {
      ok: false,
      code: "insufficient_quota",
      message: `Insufficient credits: this request may cost up to ${amount} credits, more than ${what} covers.`,
    };
  }
  return { ok: true, value: amount === 0 ? null : hold(amount) };
}
