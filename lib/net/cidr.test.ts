import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cidrListContains, parseCidrList } from "./cidr";

function list(...rules: string[]) {
  const r = parseCidrList(rules);
  if (!r.ok) throw new Error(`bad rules: ${r.invalid.join(",")}`);
  return r.list;
}

describe("parseCidrList", () => {
  it("reports every invalid entry of a list", () => {
    expect(parseCidrList(["1.2.3.4", "nope", "::1/129"])).toEqual({ ok: false, invalid: ["nope", "::1/129"] });
    expect(parseCidrList([])).toEqual({ ok: true, list: [] });
  });
});

describe("cidrListContains", () => {
  it("matches the first and last address of a v4 range and not the neighbours", () => {
    const l = list("192.168.1.0/24");
    expect(cidrListContains(l, "192.168.1.0")).toBe(true);
    expect(cidrListContains(l, "192.168.1.255")).toBe(true);
    expect(cidrListContains(l, "192.168.0.255")).toBe(false);
    expect(cidrListContains(l, "192.168.2.0")).toBe(false);
  });

  it("matches the first and last address of a v6 range and not the neighbours", () => {
    const l = list("2001:db8::/32");
    expect(cidrListContains(l, "2001:db8::")).toBe(true);
    expect(cidrListContains(l, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).toBe(true);
    expect(cidrListContains(l, "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).toBe(false);
    expect(cidrListContains(l, "2001:db9::")).toBe(false);
  });

  it("treats /0 as everything of its family only", () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(cidrListContains(list("0.0.0.0/0"), ip)).toBe(true);
        expect(cidrListContains(list("::/0"), ip)).toBe(false);
      }),
    );
    expect(cidrListContains(list("::/0"), "2001:db8::1")).toBe(true);
    expect(cidrListContains(list("0.0.0.0/0"), "2001:db8::1")).toBe(false);
  });

  it("treats /32 and /128 as exactly one address", () => {
    expect(cidrListContains(list("1.2.3.4/32"), "1.2.3.4")).toBe(true);
    expect(cidrListContains(list("1.2.3.4/32"), "1.2.3.5")).toBe(false);
    expect(cidrListContains(list("::1/128"), "::1")).toBe(true);
    expect(cidrListContains(list("::1/128"), "::2")).toBe(false);
    expect(cidrListContains(list("::1"), "0:0:0:0:0:0:0:1")).toBe(true);
  });

  it("matches IPv4-mapped peers against IPv4 rules and mapped rules against IPv4 peers", () => {
    expect(cidrListContains(list("1.2.3.0/24"), "::ffff:1.2.3.4")).toBe(true);
    expect(cidrListContains(list("1.2.3.0/24"), "::ffff:1.2.4.4")).toBe(false);
    expect(cidrListContains(list("::ffff:1.2.3.4"), "1.2.3.4")).toBe(true);
    expect(cidrListContains(list("::ffff:1.2.3.0/120"), "1.2.3.200")).toBe(true);
    expect(cidrListContains(list("::ffff:1.2.3.0/120"), "1.2.4.0")).toBe(false);
    expect(cidrListContains(list("::ffff:0:0/96"), "8.8.8.8")).toBe(true);
  });

  it("does not treat IPv4-compatible or other v6 as IPv4", () => {
    expect(cidrListContains(list("1.2.3.4"), "::1.2.3.4")).toBe(false);
    expect(cidrListContains(list("1.2.3.4"), "64:ff9b::1.2.3.4")).toBe(false);
  });

  it("matches nothing for garbage addresses and empty lists", () => {
    expect(cidrListContains(list("0.0.0.0/0", "::/0"), "garbage")).toBe(false);
    expect(cidrListContains(list(), "1.2.3.4")).toBe(false);
  });

  it("agrees with a string-prefix reference on /8, /16, /24 rules", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.constantFrom(8, 16, 24), (rule, ip, prefix) => {
        const octets = prefix / 8;
        const same = rule.split(".").slice(0, octets).join(".") === ip.split(".").slice(0, octets).join(".");
        expect(cidrListContains(list(`${rule}/${prefix}`), ip)).toBe(same);
      }),
    );
  });
});
