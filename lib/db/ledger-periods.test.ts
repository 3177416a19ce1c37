// Budget periods in the ledger on both databases: a token's quota per period and a user's spend
// limit reset lazily with the first reservation of a later period; a call reserved in a period
// that has turned settles against it; nothing goes negative however many calls race.
import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { reserveCredits, settleCredits } from "./ledger";
import type { Hold } from "@/lib/gateway/types";
import { usageEntry, useMigratedDatabase } from "./test-helpers";

let seq = 0;
const DAY1 = Date.UTC(2030, 0, 15);
const DAY2 = Date.UTC(2030, 0, 16);

for (const provider of ["sqlite", "postgresql"] as const) {
  describe(`budget periods in the ledger on ${provider}`, () => {
    useMigratedDatabase(provider);

    async function account(opts: { balance?: number; quota?: number | null; spendLimit?: number | null }) {
      const user = await getDb().user.create({
        data: {
          email: `p${++seq}@example.com`,
          passwordHash: "x",
          balance: BigInt(opts.balance ?? 1_000_000),
          spendLimit: opts.spendLimit == null ? null : BigInt(opts.spendLimit),
          spendLimitPeriod: "daily",
        },
      });
      const token = await getDb().token.create({
        data: {
          userId: user.id, name: "t", keyHash: `p${seq}`, keyPreview: "sk-…", allowedModels: [], allowedIps: [],
          quota: opts.quota == null ? null : BigInt(opts.quota), quotaPeriod: "daily",
        },
      });
      const hold = (amount: number, period: number): Hold => ({
        requestId: `p${++seq}`, userId: user.id, tokenId: token.id, amount, periodStart: period, spendPeriodStart: period,
      });
      const state = async () => {
        const u = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
        const t = await getDb().token.findUniqueOrThrow({ where: { id: token.id } });
        return {
          periodUsed: Number(t.periodUsed), used: Number(t.usedQuota), heldQuota: Number(t.heldQuota), periodStart: Number(t.periodStart),
          periodSpent: Number(u.periodSpent), heldBalance: Number(u.heldBalance), balance: Number(u.balance),
        };
      };
      return { hold, state };
    }

    it("counts a token's quota per period, from zero in the next one; a call from a turned period settles in it", async () => {
      const a = await account({ quota: 100 });
      const h1 = a.hold(60, DAY1);
      expect(await reserveCredits(h1, 60)).toEqual({ ok: true });
      await settleCredits(h1, usageEntry(h1, 50));
      const late = a.hold(50, DAY1);
      expect(await reserveCredits(late, 60)).toEqual({ ok: true });
      expect(await reserveCredits(a.hold(1, DAY1), 60)).toEqual({ ok: false, which: "token" });
      // The next day counts from zero, less what the day-1 call still holds.
      const h2 = a.hold(50, DAY2);
      expect(await reserveCredits(h2, 60)).toEqual({ ok: true });
      expect(await a.state()).toMatchObject({ periodUsed: 0, periodStart: DAY2, heldQuota: 100 });
      await settleCredits(late, usageEntry(late, 40));
      await settleCredits(h2, usageEntry(h2, 30));
      // The day-1 call is in the lifetime use, not in day 2's.
      expect(await a.state()).toMatchObject({ periodUsed: 30, used: 120, heldQuota: 0 });
      // A clock running behind (another instance) never moves the period back, and its call counts in the current one.
      const behind = a.hold(10, DAY1);
      expect(await reserveCredits(behind, 60)).toEqual({ ok: true });
      expect((await a.state()).periodStart).toBe(DAY2);
      await settleCredits(behind, usageEntry(behind, 10));
      expect(await a.state()).toMatchObject({ periodUsed: 40, used: 130 });
    });

    it("caps a user's spend per period on top of the balance, and says so", async () => {
      const a = await account({ spendLimit: 100 });
      const h1 = a.hold(80, DAY1);
      expect(await reserveCredits(h1, 60)).toEqual({ ok: true });
      await settleCredits(h1, usageEntry(h1, 80));
      expect(await reserveCredits(a.hold(30, DAY1), 60)).toEqual({ ok: false, which: "spend_limit" });
      expect(await reserveCredits(a.hold(30, DAY2), 60)).toEqual({ ok: true });
      expect(await a.state()).toMatchObject({ periodSpent: 0, heldBalance: 30, balance: 1_000_000 - 80 });
    });

    it("never lets a period's use pass its quota under 100 racing calls at the boundary, whatever they really cost", async () => {
      const a = await account({ quota: 1000, spendLimit: 900 });
      const calls = Array.from({ length: 100 }, (_, i) => a.hold(40, i % 2 ? DAY1 : DAY2));
      await Promise.all(
        calls.map(async (h, i) => {
          if ((await reserveCredits(h, 60)).ok) await settleCredits(h, usageEntry(h, i % 3 === 0 ? 90 : 25));
        }),
      );
      const s = await a.state();
      expect(s.heldQuota).toBe(0);
      expect(s.heldBalance).toBe(0);
      expect(s.periodUsed).toBeLessThanOrEqual(900);
      expect(s.periodUsed).toBeGreaterThan(0);
      expect(s.periodSpent).toBe(s.periodUsed);
      expect(s.balance).toBe(1_000_000 - s.used);
    });
  });
}
