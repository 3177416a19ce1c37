/** Allow and trust lists of CIDR rules, matched by Node's `net.BlockList` (server only; see ip.ts for the text). */
import { BlockList } from "node:net";
import { canonicalIp, parseCidr, type CidrRange } from "./ip";

export type CidrList = readonly CidrRange[];

export type CidrListResult = { ok: true; list: CidrList } | { ok: false; invalid: string[] };

/** Parses every rule; answers the list, or every string that is not a valid IP or CIDR. */
export function parseCidrList(rules: readonly string[]): CidrListResult {
  const list: CidrRange[] = [];
  const invalid: string[] = [];
  for (const rule of rules) {
    const range = parseCidr(rule);
    if (range === null) invalid.push(rule);
    else list.push(range);
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, list };
}

// One BlockList per family: a single list would let an IPv6 rule such as `::/0` match IPv4 peers.
const compiled = new WeakMap<CidrList, Record<4 | 6, BlockList>>();

function blockLists(list: CidrList): Record<4 | 6, BlockList> {
  let lists = compiled.get(list);
  if (!lists) {
    lists = { 4: new BlockList(), 6: new BlockList() };
    for (const r of list) lists[r.family].addSubnet(r.network, r.prefix, r.family === 4 ? "ipv4" : "ipv6");
    compiled.set(list, lists);
  }
  return lists;
}

/** True when the address is inside any rule of the list; an unparseable address matches nothing. */
export function cidrListContains(list: CidrList, ip: string): boolean {
  if (list.length === 0) return false;
  const address = canonicalIp(ip);
  if (address === null) return false;
  const family = address.includes(":") ? 6 : 4;
  return blockLists(list)[family].check(address, family === 4 ? "ipv4" : "ipv6");
}
