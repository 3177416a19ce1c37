import { cidrListContains, formatIp, parseIp, unmapIp, type CidrList, type IpAddress } from "./cidr";

/**
 * Resolves the client address of a request (CONTRACT §1 "Client IP"). The TCP peer is the client
 * unless it is a trusted proxy; only then is X-Forwarded-For read, right to left, skipping trusted
 * hops. The first untrusted hop is the client; if every hop is trusted, the leftmost one is.
 * A malformed entry stops the walk and the last good address is answered, because anything to its
 * left was written by someone we cannot vouch for. The answer is canonical text with IPv4-mapped
 * IPv6 folded to IPv4; an unparseable peer is answered unchanged (it then matches no allow rule).
 */
export function resolveClientIp(peer: string, forwardedFor: string | null, trusted: CidrList): string {
  const peerIp = parseIp(peer.trim());
  if (peerIp === null) return peer;
  let current = unmapIp(peerIp);
  if (!forwardedFor || !cidrListContains(trusted, current)) return formatIp(current);

  const hops = forwardedFor.split(",");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseForwardedHop(hops[i]);
    if (hop === null) break;
    current = hop;
    if (!cidrListContains(trusted, hop)) break;
  }
  return formatIp(current);
}

/** Parses one X-Forwarded-For entry: a bare address, `[v6]`, `[v6]:port` or `v4:port`. */
function parseForwardedHop(raw: string): IpAddress | null {
  const entry = raw.trim();
  if (entry.startsWith("[")) {
    const m = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry);
    const ip = m ? parseIp(m[1]) : null;
    return ip && ip.family === 6 ? unmapIp(ip) : null;
  }
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  const ip = parseIp(v4WithPort ? v4WithPort[1] : entry);
  return ip === null ? null : unmapIp(ip);
}
