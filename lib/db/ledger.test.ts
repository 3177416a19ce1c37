// The ledger on both databases: reservations, settlements of the real cost (beyond the hold when
// the funds allow, written off when they do not), and the guarantee under concurrency.
import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { checkpointHold, releaseExpiredHolds, reserveCredits, settleCredits } from "./ledger";
import type { Hold } from "@/lib/gateway/types";
import { usageEntry, useMigratedDatabase } from "./test-helpers";

let seq = 0;

for (const provider of ["sqlite", "postgresql"] as const) {
  describe(`ledger on ${provider}`, () => {
    useMigratedDatabase(provider);

    async function account(balance: number, quota: number | null) {
      const user = await getDb().user.create({ data: { email: `l${++seq}@example.com`, passwordHash: "x", balance: BigInt(balance) } });
      const token = await getDb().token.create({
        data: { userId: user.id, name: "t", keyHash: `h${seq}`, keyPreview: "sk-…", allowedModels: [], allowedIps: [], quota: quota === null ? null : BigInt(quota) },
      });
      const hold = (amount: number, id = `r${++seq}`) => ({ requestId: id, userId: user.id, tokenId: token.id, amount });
      const records = async () => getDb().usageRecord.findMany({ where: { tokenId: token.id }, orderBy: { id: "asc" } });
      const state = async () => {
        const u = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
        const t = await getDb().token.findUniqueOrThrow({ where: { id: token.id } });
        return { balance: Number(u.balance), heldBalance: Number(u.heldBalance), used: Number(t.usedQuota), heldQuota: Number(t.heldQuota) };
      };
      return { hold, state, records };
    }

    it("reserves on both rows, refuses what does not fit, and says which row refused", async () => {
      const a = await account(100, 50);
      expect(await reserveCredits(a.hold(40), 60)).toEqual({ ok: true });
      expect(await reserveCredits(a.hold(20), 60)).toEqual({ ok: false, which: "token" });
      const b = await account(30, null);
      expect(await reserveCredits(b.hold(31), 60)).toEqual({ ok: false, which: "balance" });
      expect(await b.state()).toEqual({ balance: 30, heldBalance: 0, used: 0, heldQuota: 0 });
      expect(await a.state()).toEqual({ balance: 100, heldBalance: 40, used: 0, heldQuota: 40 });
    });

    it("charges the real cost: below the hold, above it from the free funds, the rest written off", async () => {
      const a = await account(100, 80);
      const h1 = a.hold(30);
      await reserveCredits(h1, 60);
      expect(await settleCredits(h1, usageEntry(h1, 12))).toMatchObject({ charged: 12, writtenOff: 0 });
      const h2 = a.hold(10);
      await reserveCredits(h2, 60);
      expect(await settleCredits(h2, usageEntry(h2, 25))).toMatchObject({ charged: 25, writtenOff: 0 });
      const h3 = a.hold(10);
      await reserveCredits(h3, 60);
      // the token has 80 - 37 = 43 left: 43 charged, 7 written off
      expect(await settleCredits(h3, usageEntry(h3, 50))).toMatchObject({ charged: 43, writtenOff: 7 });
      expect(await a.state()).toEqual({ balance: 20, heldBalance: 0, used: 80, heldQuota: 0 });
    });

    it("settles a call whose hold the reconciler already released from what is free", async () => {
      const a = await account(50, null);
      const h = a.hold(20);
      await reserveCredits(h, -1); // expired at once
      expect(await releaseExpiredHolds(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
      expect(await settleCredits(h, usageEntry(h, 70))).toMatchObject({ charged: 50, writtenOff: 20 });
      expect(await a.state()).toEqual({ balance: 0, heldBalance: 0, used: 50, heldQuota: 0 });
    });

    it("never goes below zero under 200 parallel calls whose real cost may exceed their hold", async () => {
      const a = await account(1_000, 800);
      const costs = Array.from({ length: 200 }, (_, i) => (i * 37) % 31);
      const results = await Promise.all(
        costs.map(async (cost) => {
          const h = a.hold(10);
          const r = await reserveCredits(h, 60);
          if (!r.ok) return { admitted: false, charged: 0, writtenOff: 0, cost };
          return { admitted: true, cost, ...(await settleCredits(h, usageEntry(h, cost))) };
        }),
      );
      const s = await a.state();
      const charged = results.reduce((n, r) => n + r.charged, 0);
      expect(s.heldBalance).toBe(0);
      expect(s.heldQuota).toBe(0);
      expect(s.used).toBe(charged);
      expect(s.balance).toBe(1_000 - charged);
      expect(s.used).toBeLessThanOrEqual(800);
      for (const r of results) if (r.admitted) expect(r.charged + r.writtenOff).toBe(r.cost);
      expect(results.filter((r) => r.admitted).length).toBeGreaterThanOrEqual(80);
    });

    it("settles a request once: a replayed settlement changes nothing, and the record carries what was charged", async () => {
      const a = await account(100, null);
      const h = a.hold(30);
      await reserveCredits(h, 60);
      expect(await settleCredits(h, usageEntry(h, 20))).toMatchObject({ charged: 20, duplicate: false });
      expect(await settleCredits(h, usageEntry(h, 20))).toMatchObject({ charged: 0, duplicate: true });
      expect(await a.state()).toEqual({ balance: 80, heldBalance: 0, used: 20, heldQuota: 0 });
      const recs = await a.records();
      expect(recs).toHaveLength(1);
      expect(recs[0]).toMatchObject({ requestId: h.requestId, cost: 20n, writtenOff: 0n, attempts: [{ channelId: 1, status: 200, error: null, ms: 4 }] });
    });

    it("charges a dead process's call from its last checkpoint, and records it", async () => {
      const a = await account(100, null);
      const h = a.hold(40);
      await reserveCredits(h, -1);
      await checkpointHold(h, 17, { ...usageEntry(h, 17), status: 500, errorCode: "interrupted", estimated: true });
      expect(await releaseExpiredHolds(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
      expect(await a.state()).toEqual({ balance: 83, heldBalance: 0, used: 17, heldQuota: 0 });
      expect((await a.records())[0]).toMatchObject({ requestId: h.requestId, cost: 17n, errorCode: "interrupted", estimated: true });
    });
  });
}
