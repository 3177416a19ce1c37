import { cidrListContains, type CidrList } from "./cidr";
import { canonicalIp } from "./ip";

/**
 * Resolves the client address of a request (CONTRACT §1 "Client IP"). The TCP peer is the client
 * unless it is a trusted proxy; only then is X-Forwarded-For read, right to left, skipping trusted
 * hops. The first untrusted hop is the client; if every hop is trusted, the leftmost one is.
 * A malformed entry stops the walk and the last good address is answered, because anything to its
 * left was written by someone we cannot vouch for. The answer is canonical text with IPv4-mapped
 * IPv6 folded to IPv4; an unparseable peer is answered unchanged (it then matches no allow rule).
 */
export function resolveClientIp(peer: string, forwardedFor: string | null, trusted: CidrList): string {
  let current = canonicalIp(peer.trim());
  if (current === null) return peer;
  if (!forwardedFor || !cidrListContains(trusted, current)) return current;

  const hops = forwardedFor.split(",");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseForwardedHop(hops[i]);
    if (hop === null) break;
    current = hop;
    if (!cidrListContains(trusted, hop)) break;
  }
  return current;
}

/** Parses one X-Forwarded-For entry (a bare address, `[v6]`, `[v6]:port` or `v4:port`) to canonical text. */
function parseForwardedHop(raw: string): string | null {
  const entry = raw.trim();
  if (entry.startsWith("[")) {
    const m = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry);
    return m && m[1].includes(":") ? canonicalIp(m[1]) : null;
  }
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  return canonicalIp(v4WithPort ? v4WithPort[1] : entry);
}
