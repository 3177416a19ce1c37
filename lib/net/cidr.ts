/**
 * IP address and CIDR parsing without dependencies. Addresses are held as BigInt so IPv4 and IPv6
 * share one code path. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is folded to IPv4 on both sides, so a
 * rule written either way matches a peer seen either way.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

export interface CidrRange {
  family: IpFamily;
  /** Network address with host bits cleared. */
  network: bigint;
  prefix: number;
}

export type CidrList = readonly CidrRange[];

export type CidrListResult = { ok: true; list: CidrList } | { ok: false; invalid: string[] };

const V4_BITS = 32;
const V6_BITS = 128;
const MAPPED_PREFIX = 0xffffn << 32n;
const MAPPED_MASK = ((1n << 96n) - 1n) << 32n;
const ZONE_RE = /%[0-9A-Za-z._~-]+$/;

/** Parses dotted-quad IPv4 (no leading zeros, no shorthand) to a 32-bit BigInt, or null. */
export function parseIpv4(s: string): bigint | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

/** Parses any textual IPv6 form (`::` compression, embedded IPv4 tail) to a 128-bit BigInt, or null. */
export function parseIpv6(s: string): bigint | null {
  if (s.length === 0 || s.length > 45) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] === "" ? [] : halves[0].split(":");
  const tail = halves.length === 2 ? (halves[1] === "" ? [] : halves[1].split(":")) : [];
  const groups = [...head, ...tail];
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    // An embedded IPv4 may only be the textual tail: `::ffff:1.2.3.4`, never `1.2.3.4::`.
    const isTextualTail = i === groups.length - 1 && (halves.length === 1 || tail.length > 0);
    if (isTextualTail && g.includes(".")) {
      const v4 = parseIpv4(g);
      if (v4 === null) return null;
      words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return null;
      words.push(parseInt(g, 16));
    }
  }
  const compressed = halves.length === 2;
  if (compressed ? words.length > 7 : words.length !== 8) return null;
  const headWords = compressed ? words.length - tailWordCount(tail) : 8;
  const full = [
    ...words.slice(0, headWords),
    ...new Array<number>(8 - words.length).fill(0),
    ...words.slice(headWords),
  ];
  return full.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

function tailWordCount(tail: string[]): number {
  if (tail.length === 0) return 0;
  return tail.length + (tail[tail.length - 1].includes(".") ? 1 : 0);
}

/** Parses an IPv4 or IPv6 address; a zone id (`fe80::1%eth0`) is stripped. Mapped IPv6 stays IPv6. */
export function parseIp(s: string): IpAddress | null {
  if (s.includes(":")) {
    const value = parseIpv6(s.replace(ZONE_RE, ""));
    return value === null ? null : { family: 6, value };
  }
  const value = parseIpv4(s);
  return value === null ? null : { family: 4, value };
}

/** Folds an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) to its IPv4 form; other addresses unchanged. */
export function unmapIp(ip: IpAddress): IpAddress {
  if (ip.family === 6 && (ip.value & MAPPED_MASK) === MAPPED_PREFIX) {
    return { family: 4, value: ip.value & 0xffffffffn };
  }
  return ip;
}

/** Canonical text of an address: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run compressed). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join(".");
  }
  const words = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(":");
  const left = hex.slice(0, bestStart).join(":");
  const right = hex.slice(bestStart + bestLen).join(":");
  return `${left}::${right}`;
}

/** Parses an address and returns its canonical text with mapped IPv6 folded to IPv4, or null. */
export function normalizeIp(s: string): string | null {
  const ip = parseIp(s);
  return ip === null ? null : formatIp(unmapIp(ip));
}

/**
 * Parses a rule: a single address or `address/prefix`. Zone ids are rejected here (a rule names
 * a network, not an interface). Host bits beyond the prefix are cleared. Mapped IPv6 rules with a
 * prefix of at least 96 become the equivalent IPv4 rule.
 */
export function parseCidr(s: string): CidrRange | null {
  const slash = s.indexOf("/");
  const addrText = slash < 0 ? s : s.slice(0, slash);
  if (addrText.includes("%")) return null;
  const ip = parseIp(addrText);
  if (ip === null) return null;
  const bits = ip.family === 4 ? V4_BITS : V6_BITS;
  let prefix = bits;
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > bits) return null;
  }
  if (ip.family === 6 && prefix >= 96 && (ip.value & MAPPED_MASK) === MAPPED_PREFIX) {
    return toRange(4, ip.value & 0xffffffffn, prefix - 96);
  }
  return toRange(ip.family, ip.value, prefix);
}

function toRange(family: IpFamily, value: bigint, prefix: number): CidrRange {
  const bits = family === 4 ? V4_BITS : V6_BITS;
  const hostBits = BigInt(bits - prefix);
  const network = (value >> hostBits) << hostBits;
  return { family, network, prefix };
}

/** True when `s` is a valid single IP or CIDR rule (usable as a zod `.refine` predicate). */
export function isValidIpOrCidr(s: string): boolean {
  return parseCidr(s) !== null;
}

/** Parses every rule; answers the list, or every string that is not a valid IP or CIDR. */
export function parseCidrList(strings: readonly string[]): CidrListResult {
  const list: CidrRange[] = [];
  const invalid: string[] = [];
  for (const s of strings) {
    const range = parseCidr(s);
    if (range === null) invalid.push(s);
    else list.push(range);
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, list };
}

/** True when the address lies in the range (after folding mapped IPv6 to IPv4). */
export function cidrContains(range: CidrRange, address: IpAddress): boolean {
  const ip = unmapIp(address);
  if (ip.family !== range.family) return false;
  const hostBits = BigInt((ip.family === 4 ? V4_BITS : V6_BITS) - range.prefix);
  return ip.value >> hostBits === range.network >> hostBits;
}

/** True when the address (text or parsed) is inside any range; an unparseable address matches nothing. */
export function cidrListContains(list: CidrList, ip: string | IpAddress): boolean {
  const address = typeof ip === "string" ? parseIp(ip) : ip;
  if (address === null) return false;
  return list.some((range) => cidrContains(range, address));
}
