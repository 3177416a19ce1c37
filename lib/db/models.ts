import { getDb, type Prisma } from "@/lib/db/client";
import { mapWriteErrors } from "@/lib/db/errors";

const modelSelect = {
  name: true,
  modelRatio: true,
  completionRatio: true,
  cacheRatio: true,
  cacheWriteRatio: true,
  cacheWrite1hRatio: true,
  fixedPrice: true,
  maxOutputTokens: true,
  contextWindow: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ModelPriceSelect;

/** A model and its price (CONTRACT §2). */
export type ModelRecord = Prisma.ModelPriceGetPayload<{ select: typeof modelSelect }>;

type ModelFields = Omit<ModelRecord, "createdAt" | "updatedAt">;

export type NewModel = Pick<ModelFields, "name" | "modelRatio"> & Partial<ModelFields>;

export type ModelChanges = Partial<Omit<ModelFields, "name">>;

const missing = { notFound: "model" };

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

/** Creates a model; 409 conflict when the name is taken. */
export function createModel(input: NewModel): Promise<ModelRecord> {
  return mapWriteErrors(() => getDb().modelPrice.create({ data: input, select: modelSelect }), {
    conflict: { message: `A model named '${input.name}' exists.`, param: "name" },
  });
}

/** Updates a model; 404 when there is no such model. */
export function updateModel(name: string, changes: ModelChanges): Promise<ModelRecord> {
  return mapWriteErrors(() => getDb().modelPrice.update({ where: { name }, data: changes, select: modelSelect }), missing);
}

/** Deletes a model; 404 when there is none. */
export async function deleteModel(name: string): Promise<void> {
  await mapWriteErrors(() => getDb().modelPrice.delete({ where: { name }, select: { name: true } }), missing);
}
