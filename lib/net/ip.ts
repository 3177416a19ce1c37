/**
 * IP addresses and CIDR rules as text. Runs in the browser too (the dashboard's forms validate
 * allow lists with the same schema as the API), so it uses no Node module: IPv6 is read and
 * written by the WHATWG URL parser, whose IPv6 grammar is strict and whose output is canonical.
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is folded to IPv4, so a rule written either way matches a
 * peer seen either way. (ipaddr.js was tried and refused: it reads `::1.2.3.4` as mapped and `01.2.3.4` as octal.)
 */

/** One rule: its network in canonical text (host bits cleared) and prefix length. */
export type CidrRange = { readonly family: 4 | 6; readonly network: string; readonly prefix: number };

const IPV4_RE = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// Checked before the URL parser sees the text, because it drops tabs and newlines anywhere.
const IPV6_CHARS_RE = /^[0-9A-Fa-f:.]+$/;
const ZONE_RE = /%[0-9A-Za-z._~-]+$/;
const PREFIX_RE = /^(0|[1-9][0-9]{0,2})$/;

/** RFC 5952 text of an IPv6 address (lowercase, longest zero run compressed), or null when it is not one. */
function ipv6Text(address: string): string | null {
  if (!address.includes(":") || !IPV6_CHARS_RE.test(address)) return null;
  try {
    return new URL(`http://[${address}]`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/** The 4 or 16 bytes of an address, or null. A zone id (`fe80::1%eth0`) is dropped unless `zoneless`. */
function toBytes(text: string, zoneless = false): number[] | null {
  if (IPV4_RE.test(text)) return text.split(".").map(Number);
  const canonical = ipv6Text(zoneless ? text : text.replace(ZONE_RE, ""));
  if (canonical === null) return null;
  // Canonical text has no leading zeros, no dotted tail and at most one "::".
  const [head, tail] = canonical.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const words = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right].map((w) => parseInt(w, 16));
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** `::ffff:a.b.c.d` as its IPv4 bytes; other addresses unchanged. */
function unmap(bytes: number[]): number[] {
  const mapped = bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

function toText(bytes: number[]): string {
  if (bytes.length === 4) return bytes.join(".");
  const words = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));
  return ipv6Text(words.join(":"))!;
}

/** Canonical text of an address with IPv4-mapped IPv6 folded to IPv4 and any zone id dropped, or null. */
export function canonicalIp(text: string): string | null {
  const bytes = toBytes(text);
  return bytes && toText(unmap(bytes));
}

/**
 * Parses a rule: a single address or `address/prefix`. Zone ids are refused (a rule names a
 * network, not an interface). Host bits beyond the prefix are cleared. Mapped IPv6 rules with a
 * prefix of at least 96 become the equivalent IPv4 rule.
 */
export function parseCidr(rule: string): CidrRange | null {
  const [addressText, prefixText, extra] = rule.split("/");
  if (extra !== undefined || (prefixText !== undefined && !PREFIX_RE.test(prefixText))) return null;
  const raw = toBytes(addressText, true);
  if (raw === null) return null;
  let prefix = prefixText === undefined ? raw.length * 8 : Number(prefixText);
  if (prefix > raw.length * 8) return null;
  let bytes = raw;
  if (prefix >= 96 && unmap(raw) !== raw) {
    bytes = unmap(raw);
    prefix -= 96;
  }
  const network = bytes.map((b, i) => b & (0xff << (8 - Math.min(8, Math.max(0, prefix - 8 * i)))) & 0xff);
  return { family: bytes.length === 4 ? 4 : 6, network: toText(network), prefix };
}

/** Canonical text of a rule: host bits cleared, a full-length prefix written as a plain address; null when invalid. */
export function canonicalCidr(rule: string): string | null {
  const range = parseCidr(rule.trim());
  if (!range) return null;
  return range.prefix === (range.family === 4 ? 32 : 128) ? range.network : `${range.network}/${range.prefix}`;
}
