import { describe, expect, it } from "vitest";
import { parseCidrList } from "@/lib/net/cidr";
import { checkModelAllowed, checkModelServed, checkTokenAccess, modelsForToken } from "@/lib/gateway/checks";
import type { AuthToken, ChannelInfo, RoutingSnapshot } from "@/lib/gateway/types";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function token(over: Partial<AuthToken> = {}): AuthToken {
  return {
    id: 1,
    userId: 1,
    name: "t",
    status: "active",
    userStatus: "active",
    expiresAt: null,
    allowedModels: [],
    allowedIps: [],
    group: "default",
    quota: null,
    quotaPeriod: "none",
    userSpendPeriod: "monthly",
    rpmLimit: null,
    tpmLimit: null,
    concurrencyLimit: null,
    ...over,
  };
}

const ips = (...rules: string[]) => {
  const r = parseCidrList(rules);
  if (!r.ok) throw new Error("bad rules");
  return r.list;
};

describe("checkTokenAccess", () => {
  it("refuses a disabled token, and a token whose owner is disabled", () => {
    expect(checkTokenAccess(token({ status: "disabled" }), "1.2.3.4", NOW)).toMatchObject({ ok: false, code: "token_disabled" });
    expect(checkTokenAccess(token({ userStatus: "disabled" }), "1.2.3.4", NOW)).toMatchObject({ ok: false, code: "token_disabled" });
  });

  it("expires exactly at expiresAt, not a millisecond earlier", () => {
    expect(checkTokenAccess(token({ expiresAt: NOW + 1 }), null, NOW).ok).toBe(true);
    expect(checkTokenAccess(token({ expiresAt: NOW }), null, NOW)).toMatchObject({ ok: false, code: "token_expired" });
    expect(checkTokenAccess(token({ expiresAt: NOW - 1 }), null, NOW)).toMatchObject({ ok: false, code: "token_expired" });
  });

  it("checks status before expiry, and expiry before the address", () => {
    const t = token({ status: "disabled", expiresAt: NOW - 1, allowedIps: ips("10.0.0.0/8") });
    expect(checkTokenAccess(t, "1.2.3.4", NOW)).toMatchObject({ code: "token_disabled" });
    expect(checkTokenAccess({ ...t, status: "active" }, "1.2.3.4", NOW)).toMatchObject({ code: "token_expired" });
  });

  it("allows any address without rules, and only listed ones with rules (IPv4, IPv6, mapped)", () => {
    expect(checkTokenAccess(token(), "203.0.113.9", NOW).ok).toBe(true);
    const t = token({ allowedIps: ips("10.0.0.0/8", "2001:db8::/32") });
    expect(checkTokenAccess(t, "10.255.255.255", NOW).ok).toBe(true);
    expect(checkTokenAccess(t, "::ffff:10.1.2.3", NOW).ok).toBe(true);
    expect(checkTokenAccess(t, "2001:db8:ffff::1", NOW).ok).toBe(true);
    expect(checkTokenAccess(t, "11.0.0.0", NOW)).toMatchObject({ ok: false, code: "ip_not_allowed" });
    expect(checkTokenAccess(t, "2001:db9::1", NOW)).toMatchObject({ ok: false, code: "ip_not_allowed" });
  });

  it("refuses a restricted token when the client address is unknown", () => {
    expect(checkTokenAccess(token({ allowedIps: ips("10.0.0.0/8") }), null, NOW)).toMatchObject({ code: "ip_not_allowed" });
  });
});

const channel = (over: Partial<ChannelInfo>): ChannelInfo => ({
  id: 1,
  name: "c",
  type: "openai",
  apiVersion: null,
  headers: {},
  baseUrl: "http://127.0.0.1:1/v1",
  apiKey: "k",
  apiKeys: ["k"],
  models: [],
  modelMapping: {},
  groups: ["default"],
  priority: 0,
  weight: 1,
  ...over,
});

const pricing = { modelRatio: 1, completionRatio: 1, cacheRatio: 1, fixedPrice: null, maxOutputTokens: 100, contextWindow: null };
const snapshot: RoutingSnapshot = {
  groupLimits: new Map(),
  groupRatios: new Map([
    ["default", 1],
    ["vip", 2],
  ]),
  models: new Map(["a", "b", "vip-only"].map((name) => [name, { name, ...pricing }])),
  channels: [
    channel({ id: 1, models: ["a", "b", "unpriced"] }),
    channel({ id: 2, models: ["vip-only", "a"], groups: ["vip"] }),
  ],
};

describe("model checks", () => {
  it("an empty allowed list allows every model; otherwise only the listed ones", () => {
    expect(checkModelAllowed(token(), "anything").ok).toBe(true);
    expect(checkModelAllowed(token({ allowedModels: ["a"] }), "a").ok).toBe(true);
    expect(checkModelAllowed(token({ allowedModels: ["a"] }), "b")).toMatchObject({ ok: false, code: "model_not_allowed", param: "model" });
  });

  it("a model is served when it is priced, the group exists and a channel serves it to the group", () => {
    const served = checkModelServed(snapshot, "vip", "a");
    expect(served.ok && served.value.channels.map((c) => c.id)).toEqual([2]);
    expect(served.ok && served.value.groupRatio).toBe(2);
    expect(checkModelServed(snapshot, "default", "vip-only")).toMatchObject({ ok: false, code: "model_not_found" });
    expect(checkModelServed(snapshot, "default", "unpriced")).toMatchObject({ ok: false, code: "model_not_found" });
    expect(checkModelServed(snapshot, "ghost-group", "a")).toMatchObject({ ok: false, code: "model_not_found" });
  });

  it("lists the intersection of allowed models and the group's reachable, priced models", () => {
    expect(modelsForToken(snapshot, token())).toEqual(["a", "b"]);
    expect(modelsForToken(snapshot, token({ group: "vip" }))).toEqual(["a", "vip-only"]);
    expect(modelsForToken(snapshot, token({ allowedModels: ["b", "vip-only", "nope"] }))).toEqual(["b"]);
  });
});
