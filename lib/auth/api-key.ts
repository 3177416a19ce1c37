import { createHash, randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PREFIX = "sk-";
/** 48 base62 characters carry 48 × log2(62) ≈ 285.8 bits. */
const KEY_BODY_LENGTH = 48;
/** Bytes at or above 248 (= 4 × 62) are discarded so every character is equally likely. */
const REJECT_FROM = 248;
const API_KEY_RE = /^sk-[0-9A-Za-z]{43,}$/;

/** A new API key: `sk-` followed by 48 uniformly random base62 characters. */
export function generateApiKey(): string {
  let body = "";
  while (body.length < KEY_BODY_LENGTH) {
    for (const byte of randomBytes(64)) {
      if (byte >= REJECT_FROM) continue;
      body += BASE62[byte % 62];
      if (body.length === KEY_BODY_LENGTH) break;
    }
  }
  return KEY_PREFIX + body;
}

/** SHA-256 of the key as lowercase hex: what the database stores and looks keys up by. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Display preview `sk-abcd…wxyz`: the first and last four characters after the prefix. */
export function keyPreview(key: string): string {
  const body = key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : key;
  if (body.length < 8) return `${KEY_PREFIX}…`;
  return `${KEY_PREFIX}${body.slice(0, 4)}…${body.slice(-4)}`;
}

/** True when the string has the shape of a gateway key (`sk-` + at least 43 base62 characters). */
export function looksLikeApiKey(s: string): boolean {
  return API_KEY_RE.test(s);
}

export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The presented key, or null. Sources in order: `Authorization: Bearer <t>` (scheme matched
 * case-insensitively), `x-api-key` (Anthropic SDKs), `api-key` (Azure SDKs). A source that is
 * absent, empty or malformed is skipped.
 */
export function extractApiKey(headers: HeaderSource): string | null {
  const auth = headers.get("authorization");
  if (auth !== null) {
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  for (const name of ["x-api-key", "api-key"]) {
    const value = headers.get(name)?.trim();
    if (value && !/\s/.test(value)) return value;
  }
  return null;
}
