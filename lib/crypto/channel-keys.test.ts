import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureEncryptionKey, isSealed, openKeys, sealKeys } from "@/lib/crypto/channel-keys";

const A = "first-encryption-key-0123456789abcdef";
const B = "second-encryption-key-0123456789abcdef";

afterEach(() => {
  delete process.env.ENCRYPTION_KEY;
  delete process.env.ENCRYPTION_KEY_PREVIOUS;
});

describe("channel keys at rest", () => {
  it("seal with AES-256-GCM (a fresh IV each time) and open again", () => {
    process.env.ENCRYPTION_KEY = A;
    const one = sealKeys(["sk-upstream-1", "sk-upstream-2"]);
    const two = sealKeys(["sk-upstream-1", "sk-upstream-2"]);
    expect(isSealed(one)).toBe(true);
    expect(one).not.toBe(two);
    expect(one).not.toContain("upstream");
    expect(openKeys(one)).toEqual({ ok: true, keys: ["sk-upstream-1", "sk-upstream-2"], stale: false });
  });

  it("read plain text from an older install as one key, to be sealed", () => {
    process.env.ENCRYPTION_KEY = A;
    expect(openKeys("sk-plain")).toEqual({ ok: true, keys: ["sk-plain"], stale: true });
  });

  it("open with the previous key during a rotation (stale), and not at all with a wrong or tampered key", () => {
    process.env.ENCRYPTION_KEY = A;
    const sealed = sealKeys(["k"]);
    process.env.ENCRYPTION_KEY = B;
    expect(openKeys(sealed)).toEqual({ ok: false });
    process.env.ENCRYPTION_KEY_PREVIOUS = A;
    expect(openKeys(sealed)).toEqual({ ok: true, keys: ["k"], stale: true });
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(openKeys(tampered)).toEqual({ ok: false });
  });

  it("generate a key once into the data folder, readable only by its owner", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "enc-"));
    const key = ensureEncryptionKey(undefined, dir);
    expect(ensureEncryptionKey(undefined, dir)).toBe(key);
    expect(readFileSync(path.join(dir, "encryption-key"), "utf8")).toBe(key);
    expect(statSync(path.join(dir, "encryption-key")).mode & 0o777).toBe(0o600);
    expect(ensureEncryptionKey(A, dir)).toBe(A);
  });
});
