// Upstream keys at rest: a channel's keys are stored as one AES-256-GCM sealed JSON list
// (`enc:v1:` + base64url(iv | tag | ciphertext)), opened only in the gateway process's memory.
// The key comes from ENCRYPTION_KEY, or is generated once into the data folder; during a rotation
// ENCRYPTION_KEY_PREVIOUS still opens what the old key sealed, and start-up re-seals it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The encryption key's text: ENCRYPTION_KEY when given, else one generated on first start and kept
 * in DATA_DIR/encryption-key (mode 0600). Losing it makes the stored upstream keys unreadable.
 */
export function ensureEncryptionKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.resolve(dataDir, "encryption-key");
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx" fails when the file exists, so two instances starting together agree on one key.
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return readFileSync(file, "utf8").trim();
}

/** 32 key bytes from the configured text (any length ≥ 32 characters; hashed, so any alphabet works). */
const keyBytes = (text: string) => createHash("sha256").update(text).digest();

type Keys = { current: Buffer; previous: Buffer | null };
const KEYS = Symbol.for("gateway.encryptionKeys");

/** The current key (and the previous one, during a rotation), from the environment lib/server prepared. */
function keys(): Keys {
  const g = globalThis as { [KEYS]?: Keys & { source: string } };
  const current = process.env.ENCRYPTION_KEY;
  const previous = process.env.ENCRYPTION_KEY_PREVIOUS;
  if (!current) throw new Error("ENCRYPTION_KEY is not set (lib/server sets it at start)");
  const source = `${current}\u0000${previous ?? ""}`;
  if (g[KEYS]?.source !== source) g[KEYS] = { source, current: keyBytes(current), previous: previous ? keyBytes(previous) : null };
  return g[KEYS];
}

/** Seals a channel's upstream keys for storage. */
export function sealKeys(list: string[]): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys().current, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(list), "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function open(raw: Buffer, key: Buffer): string[] | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) && list.every((k) => typeof k === "string") ? list : null;
  } catch {
    return null;
  }
}

export type Opened =
  /** `stale`: plain text from before encryption, or sealed with the previous key: to be re-sealed */
  | { ok: true; keys: string[]; stale: boolean }
  | { ok: false };

/** Opens a stored value: sealed with the current or the previous key, or plain text from an older install. */
export function openKeys(stored: string): Opened {
  if (!stored.startsWith(PREFIX)) return { ok: true, keys: stored ? [stored] : [], stale: true };
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  const k = keys();
  const now = open(raw, k.current);
  if (now) return { ok: true, keys: now, stale: false };
  const before = k.previous ? open(raw, k.previous) : null;
  return before ? { ok: true, keys: before, stale: true } : { ok: false };
}

/** Whether a stored value is sealed (as opposed to plain text from an older install). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}
