import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cidrListContains,
  formatIp,
  isValidIpOrCidr,
  normalizeIp,
  parseCidr,
  parseCidrList,
  parseIp,
  parseIpv6,
} from "./cidr";

function list(...rules: string[]) {
  const r = parseCidrList(rules);
  if (!r.ok) throw new Error(`bad rules: ${r.invalid.join(",")}`);
  return r.list;
}

describe("parseIp", () => {
  it("parses IPv6 in every compressed form to the same value", () => {
    const forms = [
      "2001:db8:0:0:0:0:0:1",
      "2001:db8::1",
      "2001:DB8::0:1",
      "2001:0db8:0000:0000:0000:0000:0000:0001",
    ];
    const values = forms.map((f) => parseIpv6(f));
    expect(new Set(values).size).toBe(1);
    expect(values[0]).toBe((0x20010db8n << 96n) | 1n);
  });

  it("parses the edge forms of IPv6", () => {
    expect(parseIpv6("::")).toBe(0n);
    expect(parseIpv6("::1")).toBe(1n);
    expect(parseIpv6("1::")).toBe(1n << 112n);
    expect(parseIpv6("1:2:3:4:5:6:7::")).toBe(parseIpv6("1:2:3:4:5:6:7:0"));
    expect(parseIpv6("::2:3:4:5:6:7:8")).toBe(parseIpv6("0:2:3:4:5:6:7:8"));
    expect(parseIpv6("::ffff:1.2.3.4")).toBe((0xffffn << 32n) | 0x01020304n);
    expect(parseIpv6("1:2:3:4:5:6:1.2.3.4")).toBe(parseIpv6("1:2:3:4:5:6:102:304"));
  });

  it("rejects malformed addresses", () => {
    const bad = [
      "", " ", "1.2.3.256", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-1", " 1.2.3.4", "1.2.3.4 ",
      "1.2.3.4a", "1::2::3", ":1::2", "1::2:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
      "g::1", ":::", "1.2.3.4::", "::1.2.3", "::ffff:1.2.3.256", "1:2:3:4:5:6:7:1.2.3.4", "[::1]",
    ];
    for (const s of bad) expect(parseIp(s), s).toBeNull();
  });

  it("strips a zone id from an address", () => {
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80::1");
  });

  it("agrees with node:net.isIP on generated addresses", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (s) => {
        expect(parseIp(s)).not.toBeNull();
        expect(isIP(s)).not.toBe(0);
      }),
    );
  });

  it("round-trips through the canonical form", () => {
    fc.assert(
      fc.property(fc.ipV6(), (s) => {
        const ip = parseIp(s)!;
        expect(parseIp(formatIp(ip))).toEqual(ip);
      }),
    );
    expect(formatIp(parseIp("2001:db8:0:0:1:0:0:1")!)).toBe("2001:db8::1:0:0:1");
    expect(formatIp(parseIp("0:0:0:0:0:0:0:0")!)).toBe("::");
    expect(formatIp(parseIp("1:0:2:3:4:5:6:7")!)).toBe("1:0:2:3:4:5:6:7");
  });

  it("normalizes IPv4-mapped IPv6 to IPv4", () => {
    expect(normalizeIp("::ffff:1.2.3.4")).toBe("1.2.3.4");
    expect(normalizeIp("::FFFF:0102:0304")).toBe("1.2.3.4");
    expect(normalizeIp("::1.2.3.4")).toBe("::102:304");
  });
});

describe("parseCidr / isValidIpOrCidr", () => {
  it("accepts addresses and ranges", () => {
    for (const s of ["1.2.3.4", "0.0.0.0/0", "10.0.0.0/8", "1.2.3.4/32", "::/0", "::1/128", "2001:db8::/32", "::ffff:1.2.3.0/120"]) {
      expect(isValidIpOrCidr(s), s).toBe(true);
    }
  });

  it("rejects bad prefixes, zone ids, spaces and empties", () => {
    for (const s of ["1.2.3.4/33", "::1/129", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/08", "1.2.3.4/2/4", "/8", "", " ", "1.2.3.4 /8", "10.0.0.0/ 8", "fe80::1%eth0", "fe80::/10%eth0", "1.2.3.256/24"]) {
      expect(isValidIpOrCidr(s), s).toBe(false);
    }
  });

  it("clears host bits", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual(parseCidr("10.0.0.0/8"));
  });

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
