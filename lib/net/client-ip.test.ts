import { describe, expect, it } from "vitest";
import { parseCidrList, type CidrList } from "./cidr";
import { resolveClientIp } from "./client-ip";

function trusted(...rules: string[]): CidrList {
  const r = parseCidrList(rules);
  if (!r.ok) throw new Error("bad rules");
  return r.list;
}

const proxies = trusted("10.0.0.0/8", "fd00::/8");

describe("resolveClientIp", () => {
  it("answers the peer when there is no trusted proxy configured", () => {
    expect(resolveClientIp("203.0.113.7", "1.1.1.1", trusted())).toBe("203.0.113.7");
  });

  it("ignores a spoofed X-Forwarded-For from an untrusted peer", () => {
    expect(resolveClientIp("203.0.113.7", "10.0.0.1, 1.1.1.1", proxies)).toBe("203.0.113.7");
  });

  it("normalizes a mapped peer to IPv4", () => {
    expect(resolveClientIp("::ffff:203.0.113.7", null, proxies)).toBe("203.0.113.7");
    expect(resolveClientIp("::FFFF:cb00:7107", null, proxies)).toBe("203.0.113.7");
  });

  it("trusts a mapped peer that matches an IPv4 proxy rule", () => {
    expect(resolveClientIp("::ffff:10.1.1.1", "198.51.100.9", proxies)).toBe("198.51.100.9");
  });

  it("answers the peer when a trusted peer sent no header", () => {
    expect(resolveClientIp("10.0.0.5", null, proxies)).toBe("10.0.0.5");
    expect(resolveClientIp("10.0.0.5", "", proxies)).toBe("10.0.0.5");
  });

  it("walks right to left, skipping trusted hops, to the first untrusted address", () => {
    const xff = "6.6.6.6, 198.51.100.9, 10.0.0.2, 10.0.0.3";
    expect(resolveClientIp("10.0.0.4", xff, proxies)).toBe("198.51.100.9");
  });

  it("never reads past the first untrusted hop, whatever the client wrote to its left", () => {
    expect(resolveClientIp("10.0.0.4", "10.9.9.9, 198.51.100.9", proxies)).toBe("198.51.100.9");
  });

  it("answers the leftmost hop when every hop is trusted", () => {
    expect(resolveClientIp("10.0.0.4", "10.0.0.1,10.0.0.2", proxies)).toBe("10.0.0.1");
  });

  it("stops at a malformed entry and answers the last good address", () => {
    expect(resolveClientIp("10.0.0.4", "198.51.100.9, garbage", proxies)).toBe("10.0.0.4");
    expect(resolveClientIp("10.0.0.4", "198.51.100.9, garbage, 10.0.0.2", proxies)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.4", "198.51.100.9,,10.0.0.2", proxies)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.4", "1.2.3.256", proxies)).toBe("10.0.0.4");
    expect(resolveClientIp("10.0.0.4", "x".repeat(10_000), proxies)).toBe("10.0.0.4");
  });

  it("handles IPv6 hops, brackets and ports", () => {
    expect(resolveClientIp("fd00::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
    expect(resolveClientIp("fd00::1", "[2001:DB8::7]:443", proxies)).toBe("2001:db8::7");
    expect(resolveClientIp("fd00::1", "198.51.100.9:5555, fd00::2", proxies)).toBe("198.51.100.9");
    expect(resolveClientIp("10.0.0.1", "::ffff:198.51.100.9", proxies)).toBe("198.51.100.9");
  });

  it("answers an unparseable peer unchanged", () => {
    expect(resolveClientIp("not-an-ip", "1.1.1.1", proxies)).toBe("not-an-ip");
  });
});
