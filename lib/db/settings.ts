import { getDb } from "@/lib/db/client";

/** An instance-wide setting as text, or null when never set. */
export async function getSetting(key: string): Promise<string | null> {
  const row = await getDb().setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value ?? null;
}

/** Stores an instance-wide setting. */
export async function setSetting(key: string, value: string): Promise<void> {
  await getDb().setting.upsert({ where: { key }, create: { key, value }, update: { value }, select: { key: true } });
}
