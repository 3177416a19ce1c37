import { catalogModels } from "@/lib/billing/catalog";
import { getDb } from "@/lib/db/client";
import { isConflict } from "@/lib/db/errors";

const SEEDED = "catalog_seeded";

/**
 * Adds the default pricing catalog once per install. A settings row records that it ran, so a
 * model an admin deletes stays deleted; existing models of the same name are left untouched.
 * Answers whether it seeded now.
 */
export async function seedCatalog(): Promise<boolean> {
  const db = getDb();
  if (await db.setting.findUnique({ where: { key: SEEDED }, select: { key: true } })) return false;
  try {
    await db.$transaction(async (tx) => {
      // Claimed first: a second instance starting at the same moment conflicts here and skips.
      await tx.setting.create({ data: { key: SEEDED, value: new Date().toISOString() }, select: { key: true } });
      const existing = new Set(
        (await tx.modelPrice.findMany({ select: { name: true } })).map((m) => m.name),
      );
      const fresh = catalogModels().filter((m) => !existing.has(m.name));
      if (fresh.length) await tx.modelPrice.createMany({ data: fresh });
    });
    return true;
  } catch (err) {
    if (isConflict(err)) return false;
    throw err;
  }
}
