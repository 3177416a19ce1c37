import { describe, expect, it } from "vitest";
import { extractApiKey, generateApiKey, hashApiKey, keyPreview, looksLikeApiKey } from "./api-key";

const headers = (h: Record<string, string>) => new Headers(h);

describe("generateApiKey", () => {
  it("makes sk- keys of 48 base62 characters that look like keys", () => {
    for (let i = 0; i < 200; i++) {
      const key = generateApiKey();
      expect(key).toMatch(/^sk-[0-9A-Za-z]{48}$/);
      expect(looksLikeApiKey(key)).toBe(true);
    }
  });

  it("never repeats and uses the whole alphabet roughly evenly", () => {
    const keys = Array.from({ length: 2000 }, generateApiKey);
    expect(new Set(keys).size).toBe(keys.length);
    const counts = new Map<string, number>();
    for (const k of keys) for (const c of k.slice(3)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 96,000 draws over 62 symbols: ~1548 each; a biased sampler (e.g. plain modulo) skews far more.
    for (const n of counts.values()) expect(Math.abs(n - 96000 / 62)).toBeLessThan(250);
  });
});

describe("hashApiKey", () => {
  it("is stable lowercase sha256 hex", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const key = generateApiKey();
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(generateApiKey()));
  });
});

describe("keyPreview", () => {
  it("shows the first and last four characters after the prefix", () => {
    expect(keyPreview("sk-abcd0123456789wxyz")).toBe("sk-abcd…wxyz");
    const key = generateApiKey();
    expect(keyPreview(key)).toBe(`sk-${key.slice(3, 7)}…${key.slice(-4)}`);
  });

  it("reveals nothing of a key too short to preview", () => {
    expect(keyPreview("sk-abc")).toBe("sk-…");
  });
});

describe("looksLikeApiKey", () => {
  it("rejects wrong prefixes, short bodies and foreign characters", () => {
    const body43 = "a".repeat(43);
    expect(looksLikeApiKey(`sk-${body43}`)).toBe(true);
    expect(looksLikeApiKey(`sk-${"a".repeat(42)}`)).toBe(false);
    expect(looksLikeApiKey(`pk-${body43}`)).toBe(false);
    expect(looksLikeApiKey(`sk-${body43}-`)).toBe(false);
    expect(looksLikeApiKey(` sk-${body43}`)).toBe(false);
    expect(looksLikeApiKey("")).toBe(false);
  });
});

describe("extractApiKey", () => {
  it("reads Authorization: Bearer with any scheme case and spacing", () => {
    expect(extractApiKey(headers({ authorization: "Bearer sk-1" }))).toBe("sk-1");
    expect(extractApiKey(headers({ authorization: "bearer sk-1" }))).toBe("sk-1");
    expect(extractApiKey(headers({ authorization: "BEARER   sk-1  " }))).toBe("sk-1");
  });

  it("prefers Authorization over x-api-key over api-key", () => {
    const all = { authorization: "Bearer a", "x-api-key": "b", "api-key": "c" };
    expect(extractApiKey(headers(all))).toBe("a");
    expect(extractApiKey(headers({ "x-api-key": "b", "api-key": "c" }))).toBe("b");
    expect(extractApiKey(headers({ "api-key": " c " }))).toBe("c");
  });

  it("skips a malformed Authorization header and falls back", () => {
    expect(extractApiKey(headers({ authorization: "Bearer", "x-api-key": "b" }))).toBe("b");
    expect(extractApiKey(headers({ authorization: "Basic dXNlcjpwYXNz", "api-key": "c" }))).toBe("c");
    expect(extractApiKey(headers({ authorization: "Bearer a b" }))).toBeNull();
    expect(extractApiKey(headers({ authorization: "Bearersk-1" }))).toBeNull();
    expect(extractApiKey(headers({ authorization: "sk-1" }))).toBeNull();
  });

  it("answers null when nothing usable is presented", () => {
    expect(extractApiKey(headers({}))).toBeNull();
    expect(extractApiKey(headers({ "x-api-key": "", "api-key": "   " }))).toBeNull();
    expect(extractApiKey({ get: () => null })).toBeNull();
  });
});
