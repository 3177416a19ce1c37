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
  it.each([
    ["192.168.1.0/24", "192.168.1.0", "192.168.1.255", "192.168.0.255", "192.168.2.0"],
    ["2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::"],
  ])("matches the first and last address of %s and not the neighbours", (rule, first, last, below, above) => {
    const l = list(rule);
    expect([first, last, below, above].map((ip) => cidrListContains(l, ip))).toEqual([true, true, false, false]);
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

  it.each([
    // /32 and /128 are exactly one address
    ["1.2.3.4/32", "1.2.3.4", true],
    ["1.2.3.4/32", "1.2.3.5", false],
    ["::1/128", "::1", true],
    ["::1/128", "::2", false],
    ["::1", "0:0:0:0:0:0:0:1", true],
    // IPv4-mapped peers match IPv4 rules, mapped rules match IPv4 peers
    ["1.2.3.0/24", "::ffff:1.2.3.4", true],
    ["1.2.3.0/24", "::ffff:1.2.4.4", false],
    ["::ffff:1.2.3.4", "1.2.3.4", true],
    ["::ffff:1.2.3.0/120", "1.2.3.200", true],
    ["::ffff:1.2.3.0/120", "1.2.4.0", false],
    ["::ffff:0:0/96", "8.8.8.8", true],
    // IPv4-compatible and other IPv6 forms are not IPv4
    ["1.2.3.4", "::1.2.3.4", false],
    ["1.2.3.4", "64:ff9b::1.2.3.4", false],
  ] as const)("rule %s, peer %s: %s", (rule, peer, inside) => {
    expect(cidrListContains(list(rule), peer)).toBe(inside);
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
