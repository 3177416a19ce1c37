import { describe, expect, it } from "vitest";
import { effectiveLimits, formatReset } from "@/lib/gateway/limits";
import type { AuthToken } from "@/lib/gateway/types";

const token = (over: Partial<AuthToken>) => ({ rpmLimit: null, tpmLimit: null, concurrencyLimit: null, ...over }) as AuthToken;

describe("effective limits", () => {
  it("takes the lower of the token's and the group's; RATE_LIMIT_RPM only when neither sets a request rate", () => {
    const group = { rpmLimit: 100, tpmLimit: null, concurrencyLimit: 4 };
    expect(effectiveLimits(token({ rpmLimit: 10, tpmLimit: 5000 }), group, 60)).toEqual({ rpm: 10, tpm: 5000, concurrency: 4 });
    // A group lowered below its tokens' limits wins.
    expect(effectiveLimits(token({ rpmLimit: 500, concurrencyLimit: 8 }), group, 60)).toEqual({ rpm: 100, tpm: null, concurrency: 4 });
    expect(effectiveLimits(token({}), undefined, 60)).toEqual({ rpm: 60, tpm: null, concurrency: null });
    expect(effectiveLimits(token({}), undefined, 0)).toEqual({ rpm: null, tpm: null, concurrency: null });
  });

  it("writes reset durations as OpenAI does", () => {
    expect([formatReset(250), formatReset(6000), formatReset(1500), formatReset(60_000), formatReset(61_500)]).toEqual(["250ms", "6s", "1.5s", "1m0s", "1m1.5s"]);
  });
});
