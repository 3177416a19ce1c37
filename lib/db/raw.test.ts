// The relay's driver path and Prisma read and write the same columns: dates, big amounts and Json
// written by one must read back unchanged through the other, on both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "./client";
import { jsonColumn, num, query, timestamp } from "./raw";
import { useMigratedDatabase } from "./test-helpers";

for (const provider of ["sqlite", "postgresql"] as const) {
  describe(`driver and Prisma encodings on ${provider}`, () => {
    let tokenId = 0;
    useMigratedDatabase(provider);

    beforeAll(async () => {
      const user = await getDb().user.create({ data: { email: "enc@example.com", passwordHash: "x", balance: 9_007_199_254_740_000n } });
      const token = await getDb().token.create({
        data: {
          userId: user.id, name: "t", keyHash: "h", keyPreview: "p", quota: 123_456_789_012n,
          expiresAt: new Date("2027-03-04T05:06:07.089Z"), allowedModels: ["a", "b é"], allowedIps: [],
        },
      });
      tokenId = token.id;
    });

    it("reads through the driver what Prisma wrote", async () => {
      const { rows } = await query(`SELECT t."expiresAt", t.quota, t."allowedModels", u.balance FROM tokens t JOIN users u ON u.id = t."userId" WHERE t.id = $1`, [tokenId]);
      expect(timestamp(rows[0].expiresAt).toISOString()).toBe("2027-03-04T05:06:07.089Z");
      expect(num(rows[0].quota)).toBe(123_456_789_012);
      expect(num(rows[0].balance)).toBe(9_007_199_254_740_000);
      expect(jsonColumn(rows[0].allowedModels)).toEqual(["a", "b é"]);
    });

    it("reads through Prisma what the driver wrote", async () => {
      const at = new Date("2028-12-31T23:59:59.999Z");
      await query(`UPDATE tokens SET "expiresAt" = $1, "usedQuota" = $2, "lastUsedAt" = $1 WHERE id = $3`, [at, 987_654_321_098, tokenId]);
      const token = await getDb().token.findUniqueOrThrow({ where: { id: tokenId } });
      expect(token.expiresAt?.toISOString()).toBe(at.toISOString());
      expect(token.lastUsedAt?.toISOString()).toBe(at.toISOString());
      expect(token.usedQuota).toBe(987_654_321_098n);
      // Prisma's own comparisons see the driver's dates as the same instants.
      expect(await getDb().token.count({ where: { id: tokenId, expiresAt: { gte: at, lte: at } } })).toBe(1);
    });
  });
}
