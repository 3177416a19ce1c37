import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalCidr, canonicalIp, parseCidr } from "./ip";

describe("canonicalIp", () => {
  it("writes IPv6 in every compressed form the same way", () => {
    const forms = [
      "2001:db8:0:0:0:0:0:1",
      "2001:db8::1",
      "2001:DB8::0:1",
      "2001:0db8:0000:0000:0000:0000:0000:0001",
    ];
    expect(new Set(forms.map(canonicalIp))).toEqual(new Set(["2001:db8::1"]));
  });

  it("reads the edge forms of IPv6", () => {
    expect(canonicalIp("::")).toBe("::");
    expect(canonicalIp("::1")).toBe("::1");
    expect(canonicalIp("1::")).toBe("1::");
    expect(canonicalIp("1:2:3:4:5:6:7::")).toBe(canonicalIp("1:2:3:4:5:6:7:0"));
    expect(canonicalIp("::2:3:4:5:6:7:8")).toBe(canonicalIp("0:2:3:4:5:6:7:8"));
    expect(canonicalIp("1:2:3:4:5:6:1.2.3.4")).toBe(canonicalIp("1:2:3:4:5:6:102:304"));
  });

  it("refuses malformed addresses", () => {
    const bad = [
      "", " ", "1.2.3.256", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-1", " 1.2.3.4", "1.2.3.4 ",
      "1.2.3.4a", "1::2::3", ":1::2", "1::2:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
      "g::1", ":::", "1.2.3.4::", "::1.2.3", "::ffff:1.2.3.256", "1:2:3:4:5:6:7:1.2.3.4", "[::1]",
      "127.1", "0x7f.0.0.1", "1.2.3.4%eth0", "fe80::1%", "::\t1", "::1\n", "::ffff:1.2.3.04",
    ];
    for (const s of bad) expect(canonicalIp(s), s).toBeNull();
  });

  it("drops a zone id from an address", () => {
    expect(canonicalIp("fe80::1%eth0")).toBe("fe80::1");
  });

  it("agrees with node:net.isIP on generated addresses", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (s) => {
        expect(canonicalIp(s)).not.toBeNull();
        expect(isIP(s)).not.toBe(0);
      }),
    );
  });

  it("round-trips through the canonical form", () => {
    fc.assert(
      fc.property(fc.ipV6(), (s) => {
        const text = canonicalIp(s)!;
        expect(canonicalIp(text)).toBe(text);
      }),
    );
    expect(canonicalIp("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(canonicalIp("0:0:0:0:0:0:0:0")).toBe("::");
    expect(canonicalIp("1:0:2:3:4:5:6:7")).toBe("1:0:2:3:4:5:6:7");
  });

  it("folds IPv4-mapped IPv6 to IPv4, and only that", () => {
    expect(canonicalIp("::ffff:1.2.3.4")).toBe("1.2.3.4");
    expect(canonicalIp("::FFFF:0102:0304")).toBe("1.2.3.4");
    expect(canonicalIp("::1.2.3.4")).toBe("::102:304");
    expect(canonicalIp("64:ff9b::1.2.3.4")).toBe("64:ff9b::102:304");
  });
});

describe("parseCidr", () => {
  it("accepts addresses and ranges", () => {
    for (const s of ["1.2.3.4", "0.0.0.0/0", "10.0.0.0/8", "1.2.3.4/32", "::/0", "::1/128", "2001:db8::/32", "::ffff:1.2.3.0/120"]) {
      expect(parseCidr(s), s).not.toBeNull();
    }
  });

  it("rejects bad prefixes, zone ids, spaces and empties", () => {
    for (const s of ["1.2.3.4/33", "::1/129", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/08", "1.2.3.4/2/4", "/8", "", " ", "1.2.3.4 /8", "10.0.0.0/ 8", "fe80::1%eth0", "fe80::/10%eth0", "1.2.3.256/24"]) {
      expect(parseCidr(s), s).toBeNull();
    }
  });

  it("clears host bits", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual(parseCidr("10.0.0.0/8"));
    expect(parseCidr("2001:db8:ab:cd::1/36")).toEqual({ family: 6, network: "2001:db8::", prefix: 36 });
  });

  it.each([
    ["192.0.2.7", "192.0.2.7"],
    ["192.0.2.7/32", "192.0.2.7"],
    ["10.1.2.3/8", "10.0.0.0/8"],
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["::ffff:10.0.0.0/104", "10.0.0.0/8"],
    ["::ffff:0:0/95", "::fffe:0:0/95"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["2001:db8::/32", "2001:db8::/32"],
    [" 127.0.0.1 ", "127.0.0.1"],
  ])("writes the rule %s as %s", (rule, canonical) => {
    expect(canonicalCidr(rule)).toBe(canonical);
  });
});
