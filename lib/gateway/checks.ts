import { cidrListContains } from "@/lib/net/cidr";
import type { AuthToken, ChannelInfo, ModelInfo, Outcome, RoutingSnapshot } from "@/lib/gateway/types";

/** Checks 2–4 of the contract: the token is active, not expired, and the client IP is allowed. */
export function checkTokenAccess(token: AuthToken, clientIp: string | null, now: number): Outcome {
  if (token.status !== "active" || token.userStatus !== "active") {
    return { ok: false, code: "token_disabled", message: "This API key is disabled." };
  }
  if (token.expiresAt !== null && token.expiresAt <= now) {
    return { ok: false, code: "token_expired", message: "This API key has expired." };
  }
  if (token.allowedIps.length > 0 && (clientIp === null || !cidrListContains(token.allowedIps, clientIp))) {
    return {
      ok: false,
      code: "ip_not_allowed",
      message: `Requests from ${clientIp ?? "this address"} are not allowed for this API key.`,
    };
  }
  return { ok: true, value: undefined };
}

/** Check 6: the model is in the token's allowed list (an empty list allows every model). */
export function checkModelAllowed(token: AuthToken, model: string): Outcome {
  if (token.allowedModels.length > 0 && !token.allowedModels.includes(model)) {
    return { ok: false, code: "model_not_allowed", message: `This API key may not use the model '${model}'.`, param: "model" };
  }
  return { ok: true, value: undefined };
}

/** Active channels that serve `model` to `group`. */
export function channelsFor(snapshot: RoutingSnapshot, group: string, model: string): ChannelInfo[] {
  return snapshot.channels.filter((c) => c.groups.includes(group) && c.models.includes(model));
}

/** Check 7: the model is priced and enabled, and some channel serves it to the token's group. */
export function checkModelServed(
  snapshot: RoutingSnapshot,
  group: string,
  model: string,
): Outcome<{ model: ModelInfo; groupRatio: number; channels: ChannelInfo[] }> {
  const info = snapshot.models.get(model);
  const groupRatio = snapshot.groupRatios.get(group);
  const channels = info && groupRatio !== undefined ? channelsFor(snapshot, group, model) : [];
  if (!info || groupRatio === undefined || channels.length === 0) {
    return {
      ok: false,
      code: "model_not_found",
      message: `The model '${model}' does not exist or is not available to this API key.`,
      param: "model",
    };
  }
  return { ok: true, value: { model: info, groupRatio, channels } };
}

/**
 * The model names a group can reach: listed by at least one of `channels` (the active ones) that
 * serves the group. The one definition for /v1/models, /api/models and the dashboard.
 */
export function modelsServedTo(channels: readonly { groups: string[]; models: string[] }[], group: string): Set<string> {
  const served = new Set<string>();
  for (const c of channels) if (c.groups.includes(group)) for (const m of c.models) served.add(m);
  return served;
}

/** The models a token may call: its allowed list (if any) ∩ the enabled models its group can reach. */
export function modelsForToken(snapshot: RoutingSnapshot, token: AuthToken): string[] {
  const reachable = new Set<string>();
  if (snapshot.groupRatios.has(token.group)) {
    for (const m of modelsServedTo(snapshot.channels, token.group)) if (snapshot.models.has(m)) reachable.add(m);
  }
  const names = token.allowedModels.length ? token.allowedModels.filter((m) => reachable.has(m)) : [...reachable];
  return [...new Set(names)].sort();
}
