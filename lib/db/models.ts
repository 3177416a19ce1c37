import { getDb } from "@/lib/db/client";

const modelSelect = {
  name: true,
  modelRatio: true,
  completionRatio: true,
  cacheRatio: true,
  fixedPrice: true,
  maxOutputTokens: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** A model and its price (CONTRACT §2). */
export type ModelRecord = {
  name: string;
  modelRatio: number;
  completionRatio: number;
  cacheRatio: number;
  fixedPrice: number | null;
  maxOutputTokens: number;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type ModelInput = Omit<ModelRecord, "createdAt" | "updatedAt">;

/** Every model, by name; only the enabled ones with `enabledOnly`. */
export function listModels(opts: { enabledOnly?: boolean } = {}): Promise<ModelRecord[]> {
  return getDb().modelPrice.findMany({
    where: opts.enabledOnly ? { enabled: true } : {},
    orderBy: { name: "asc" },
    select: modelSelect,
  });
}

/** The model with this name, or null. */
export function getModel(name: string): Promise<ModelRecord | null> {
  return getDb().modelPrice.findUnique({ where: { name }, select: modelSelect });
}

/** Creates a model; throws Prisma's P2002 when the name is taken. */
export function createModel(input: Pick<ModelInput, "name" | "modelRatio"> & Partial<ModelInput>) {
  return getDb().modelPrice.create({ data: input, select: modelSelect });
}

/** Updates a model; null when there is no such model. */
export async function updateModel(name: string, changes: Partial<Omit<ModelInput, "name">>): Promise<ModelRecord | null> {
  const { count } = await getDb().modelPrice.updateMany({ where: { name }, data: changes });
  return count ? getModel(name) : null;
}

/** Deletes a model; false when there was none. */
export async function deleteModel(name: string): Promise<boolean> {
  const { count } = await getDb().modelPrice.deleteMany({ where: { name } });
  return count > 0;
}
