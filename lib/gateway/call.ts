// One relay call from start to end: authenticate → parse → checks → reserve → attempts over
// channels → body or stream → finish. Finishing (charge, usage record, health of the channel that
// answered) goes through one guarded method, so it happens exactly once whatever the exit path.
import { computeCost, worstCaseCost, type TokenUsage } from "@/lib/billing/pricing";
import { promptPieces } from "@/lib/billing/estimate";
import { authenticate } from "@/lib/gateway/authenticate";
import { checkModelAllowed, checkModelServed } from "@/lib/gateway/checks";
import type { InboundFormat, ParsedRequest } from "@/lib/gateway/formats/types";
import type { RelayInput, RelayResult } from "@/lib/gateway/http";
import { relayOverChannels } from "@/lib/gateway/attempts";
import { refusalEntry, usageEntry } from "@/lib/gateway/record";
import type { AuthToken, ChannelInfo, Failure, GatewayDeps, Hold, LimitLease, ModelInfo, Outcome } from "@/lib/gateway/types";
import { effectiveLimits, hasLimits, rateLimitHeaders, refusalMessage } from "@/lib/gateway/limits";
import { periodStartAt } from "@/lib/billing/periods";
import { callLog } from "@/lib/log";

/**
 * Who is to blame for an attempt that did not end well: "upstream" counts against the channel;
 * "busy" (rate-limited), "key" (one of several keys refused or rate-limited, set aside while the
 * others serve) and "client" (went away) never do; null means the channel answered.
 */
export type Fault = "upstream" | "busy" | "key" | "client" | null;

/** One try of one channel: what the upstream did, and whether its channel is to blame. */
export type Attempt = {
  channel: ChannelInfo;
  upstreamModel: string;
  /** the upstream's HTTP status, or null when none came */
  status: number | null;
  /** why the attempt failed (key-free), or null */
  error: string | null;
  ms: number;
  fault: Fault;
};

/** How a call ended, as finish() needs it. */
export type Ending = {
  status: number;
  errorCode: string | null;
  /** short reason for a failed call (key-free) */
  errorMessage?: string | null;
  /** whether the upstream produced output that must be paid for */
  produced: boolean;
  usage: TokenUsage | null;
  /** generated text, to estimate the output when the upstream reported no usage */
  text: string;
};

const NOTHING = { produced: false, usage: null, text: "" } as const;

/** A call admitted past every check, with its reservation taken. */
export class RelayCall {
  hold: Hold | null = null;
  /** the call's rate-limit slot and counted tokens, released when it finishes */
  lease: LimitLease | null = null;
  /** when the first byte of a streamed answer was received (deps.now() time), or null */
  firstByteAt: number | null = null;
  private checkpointing = false;
  /** every channel tried, in order; the last one answered (or failed last) */
  readonly attempts: Attempt[] = [];
  private finishing: Promise<void> | null = null;

  constructor(
    readonly deps: GatewayDeps,
    readonly input: RelayInput,
    readonly format: InboundFormat,
    readonly started: number,
    readonly token: AuthToken,
    readonly req: ParsedRequest,
    readonly model: ModelInfo,
    readonly groupRatio: number,
  ) {}

  get requestId() {
    return this.input.requestId;
  }

  /** The output the upstream may produce per choice: the client's limit, else the model's. */
  get maxOutput(): number {
    return this.req.maxOutput ?? this.model.maxOutputTokens;
  }

  /** Ends the call exactly once; later calls return the first one's promise. Never rejects. */
  finish(ending: Ending): Promise<void> {
    this.finishing ??= this.settleAndRecord(ending)
      .catch((err) => {
        callLog(this.requestId).error({ err }, "finishing the call failed");
      })
      // Whatever happened above, the call's slot is freed (a no-op when settling released it).
      .finally(() => this.lease?.release(null));
    return this.finishing;
  }

  /** A hold of `amount` credits, noting the budget periods the call started in. */
  holdFor(amount: number): Hold {
    const zone = this.deps.config.budgetTimeZone;
    return {
      requestId: this.requestId,
      userId: this.token.userId,
      tokenId: this.token.id,
      amount,
      periodStart: periodStartAt(this.token.quotaPeriod, this.started, zone),
      spendPeriodStart: periodStartAt(this.token.userSpendPeriod, this.started, zone),
    };
  }

  /** Ends a call that produced nothing billable. */
  finishEmpty(status: number, errorCode: string | null, errorMessage: string | null = null): Promise<void> {
    return this.finish({ status, errorCode, errorMessage, ...NOTHING });
  }

  get finished(): boolean {
    return this.finishing !== null;
  }

  /** The usage of a call whose upstream reported none: its prompt and output counted with o200k_base. */
  private async estimate(output: string): Promise<TokenUsage> {
    const { texts, extra } = promptPieces(this.req.body);
    let counts: number[];
    try {
      counts = await this.deps.countTokens([...texts, output]);
    } catch (err) {
      // Without a tokenizer, about four bytes a token.
      callLog(this.requestId).error({ err }, "token count failed");
      counts = [...texts, output].map((t) => Math.ceil(Buffer.byteLength(t) / 4));
    }
    const completionTokens = counts.pop() ?? 0;
    return { promptTokens: counts.reduce((a, b) => a + b, extra), completionTokens, cachedTokens: 0 };
  }

  /** What the call has cost so far (or in all, at its end): reported usage, else an estimate. */
  private async priced(produced: boolean, usage: TokenUsage | null, text: string) {
    if (!produced) return { usage: { promptTokens: 0, completionTokens: 0 }, estimated: false, cost: 0 };
    const estimated = usage === null;
    const final = usage ?? (await this.estimate(text));
    return { usage: final, estimated, cost: computeCost(final, this.model, this.groupRatio) };
  }

  /**
   * Stores a long stream's progress: should this process die, the reconciler charges what the call
   * had cost by then and writes its record. Overlapping checkpoints are skipped.
   */
  async checkpoint(usage: TokenUsage | null, text: string): Promise<void> {
    if (!this.hold || this.checkpointing || this.finishing) return;
    this.checkpointing = true;
    try {
      const priced = await this.priced(true, usage, text);
      if (this.finishing) return;
      const entry = usageEntry(this, {
        status: 500,
        errorCode: "interrupted",
        errorMessage: "The gateway instance stopped during the call; charged what was produced until its last checkpoint.",
        ...priced,
        estimated: true,
      });
      this.deps.checkpoint(this.hold, priced.cost, entry);
    } finally {
      this.checkpointing = false;
    }
  }

  private async settleAndRecord(e: Ending): Promise<void> {
    const { deps } = this;
    for (const a of this.attempts) {
      if (a.fault === "upstream") deps.channelFailed(a.channel.id, a.error ?? "failed");
      else if (a.fault === null) deps.channelSucceeded(a.channel.id);
    }
    const priced = await this.priced(e.produced, e.usage, e.text);
    // Tokens counted on entry (prompt bound + max output) become what the call used.
    void this.lease?.release(priced.usage.promptTokens + priced.usage.completionTokens);
    const entry = usageEntry(this, { status: e.status, errorCode: e.errorCode, errorMessage: e.errorMessage ?? null, ...priced });
    // A call with nothing reserved (a free model) that still cost something is settled all the same.
    const hold = this.hold ?? (priced.cost > 0 ? this.holdFor(0) : null);
    if (hold) await deps.settle(hold, entry);
    else deps.recordUsage(entry);
  }
}

/**
 * A billed relay call in the contract's order of checks: nothing is reserved, charged or sent
 * upstream until every check has passed.
 */
export async function handleRelay(input: RelayInput, format: InboundFormat, deps: GatewayDeps): Promise<RelayResult> {
  const started = deps.now();
  let token: AuthToken | null = null;
  let model = "";
  const refuse = (o: Failure) => {
    deps.refused(o.code);
    // A refusal whose token is known is recorded at no cost, so its owner can see why.
    if (token) deps.recordUsage(refusalEntry({ input, format, token, model, started, now: deps.now(), failure: o }));
    return withHeaders(format.error(o.code, o.message, { param: o.param ?? null }), o.headers);
  };

  const auth = await authenticate(input, deps);
  token = auth.token;
  if (!auth.outcome.ok) return refuse(auth.outcome);
  const tokenOk = auth.outcome.value;

  const raw = await input.readBody(deps.config.maxBodyBytes);
  if (!raw.ok) return refuse(raw);
  const parsed = format.parse(raw.value);
  if (!parsed.ok) return refuse(parsed);
  const req = parsed.value;
  model = req.model;

  const allowed = checkModelAllowed(tokenOk, req.model);
  if (!allowed.ok) return refuse(allowed);
  const snapshot = await deps.routing();
  const served = checkModelServed(snapshot, tokenOk.group, req.model);
  if (!served.ok) return refuse(served);
  const { model: info, groupRatio, channels } = served.value;

  const call = new RelayCall(deps, input, format, started, tokenOk, req, info, groupRatio);
  const prompt = promptBound(call);
  if (!prompt.ok) return refuse(prompt);

  // Check 8: counted on entry (prompt bound + every output the upstream may produce), corrected when the call ends.
  let headers: Record<string, string> = {};
  const limits = effectiveLimits(tokenOk, snapshot.groupLimits.get(tokenOk.group), deps.config.defaultRpm);
  if (hasLimits(limits)) {
    const tokens = prompt.value + call.maxOutput * req.outputMultiplier;
    const admission = await deps.admit({ key: `t${tokenOk.id}`, id: input.requestId, limits, tokens, now: deps.now() });
    headers = rateLimitHeaders(admission);
    if (!admission.ok) {
      const retryAfter = String(Math.max(1, Math.ceil(admission.retryAfterMs / 1000)));
      return refuse({ ok: false, code: "rate_limit_exceeded", message: refusalMessage(admission, tokens), headers: { ...headers, "retry-after": retryAfter } });
    }
    call.lease = admission.lease;
  }

  const reserved = await reserve(call, prompt.value);
  if (!reserved.ok) {
    // Refused calls cost nothing, tokens per minute included.
    await call.lease?.release(0);
    return withHeaders(refuse(reserved), headers);
  }

  try {
    return withHeaders(await relayOverChannels(call, channels), headers);
  } catch (err) {
    // Only infrastructure failures reach here: release the hold, then answer 500.
    await call.finishEmpty(500, "internal_error");
    throw err;
  }
}

function withHeaders(result: RelayResult, headers: Record<string, string> | undefined): RelayResult {
  if (headers) Object.assign(result.headers, headers);
  return result;
}

/** The most prompt tokens the call may bill: its bytes' bound, capped by the model's context window. */
function promptBound(call: RelayCall): Outcome<number> {
  const { req, model } = call;
  // Nothing beyond the model's context window can be billed; without its bytes as a bound, the window is the bound.
  const window = model.contextWindow;
  if (req.unboundedBy && window === null) {
    return {
      ok: false,
      code: "invalid_request",
      message: `'${req.unboundedBy}' brings input whose size cannot be bounded before the call, and the model '${model.name}' has no context window set to bound it instead.`,
      param: req.unboundedBy,
    };
  }
  return { ok: true, value: req.unboundedBy ? window! : window === null ? req.promptBound : Math.min(req.promptBound, window) };
}

const SHORT_OF: Record<"token" | "balance" | "spend_limit", string> = {
  token: "this API key's remaining quota",
  balance: "your account balance",
  spend_limit: "what your account's spend limit leaves for this period",
};

/** Check 9: reserve the worst case (prompt bound + every output the upstream may produce) on the token and the balance. */
async function reserve(call: RelayCall, prompt: number): Promise<{ ok: true } | Failure> {
  const { req, model, groupRatio } = call;
  const amount = worstCaseCost(prompt, call.maxOutput * req.outputMultiplier, model, groupRatio, req.cacheWrites);
  if (amount === 0) return { ok: true };
  const hold = call.holdFor(amount);
  const outcome = await call.deps.reserve(hold);
  if (!outcome.ok) {
    const what = SHORT_OF[outcome.which];
    return {
      ok: false,
      code: "insufficient_quota",
      message: `Insufficient credits: this request may cost up to ${amount} credits, more than ${what} covers.`,
    };
  }
  call.hold = hold;
  return { ok: true };
}
