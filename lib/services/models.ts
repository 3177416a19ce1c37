import type { Actor } from "@/lib/auth/guards";
import { effectiveRates } from "@/lib/billing/pricing";
import { invalidate } from "@/lib/cache/bus";
import { listChannels } from "@/lib/db/channels";
import { DEFAULT_GROUP, getGroup, type GroupRecord } from "@/lib/db/groups";
import { createModel, deleteModel, getModel, listModels, updateModel, type ModelRecord } from "@/lib/db/models";
import { ApiError } from "@/lib/errors";
import type { ModelCreate, ModelUpdate } from "@/lib/validation/models";

const notFound = () => new ApiError("not_found", "No such model.");

/** Admin: adds a model and its price; 409 when the name is taken. */
export async function adminCreateModel(input: ModelCreate): Promise<ModelRecord> {
  try {
    const model = await createModel(input);
    invalidate("routing");
    return model;
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") {
      throw new ApiError("conflict", `A model named '${input.name}' exists.`, "name");
    }
    throw err;
  }
}

/** Admin: reads one model. */
export async function adminGetModel(name: string): Promise<ModelRecord> {
  const model = await getModel(name);
  if (!model) throw notFound();
  return model;
}

/** Admin: changes a model's price, limits or availability (renaming is not supported). */
export async function adminUpdateModel(name: string, input: ModelUpdate): Promise<ModelRecord> {
  const { name: newName, ...changes } = input;
  if (newName !== undefined && newName !== name) {
    throw new ApiError("invalid_request", "name: models cannot be renamed", "name");
  }
  const model = await updateModel(name, changes);
  if (!model) throw notFound();
  invalidate("routing");
  return model;
}

/** Admin: deletes a model (channels that list it no longer serve it). */
export async function adminDeleteModel(name: string): Promise<void> {
  if (!(await deleteModel(name))) throw notFound();
  invalidate("routing");
}

/** Enabled models that at least one active channel serving `group` lists, by name. */
export async function modelsForGroup(group: string): Promise<ModelRecord[]> {
  const channels = await listChannels({ activeOnly: true });
  const served = new Set(channels.filter((c) => c.groups.includes(group)).flatMap((c) => c.models));
  return (await listModels({ enabledOnly: true })).filter((m) => served.has(m.name));
}

/**
 * The group whose prices the caller asked to see: their own by default; another only when it
 * is selectable (admins: any). An unknown or forbidden group is a 400.
 */
export async function pricingGroupFor(actor: Actor, requested: string | undefined): Promise<GroupRecord> {
  const own = actor.user?.group ?? DEFAULT_GROUP;
  const name = requested ?? own;
  const group = await getGroup(name);
  if (!group || (name !== own && !actor.isAdmin && !group.selectable)) {
    throw new ApiError("invalid_request", `group: no group named '${name}' is available to you`, "group");
  }
  return group;
}

/** The public shape of a model (admin API). */
export function modelToJson(m: ModelRecord) {
  return {
    name: m.name,
    modelRatio: m.modelRatio,
    completionRatio: m.completionRatio,
    cacheRatio: m.cacheRatio,
    fixedPrice: m.fixedPrice,
    maxOutputTokens: m.maxOutputTokens,
    enabled: m.enabled,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** A model with its effective price in a group (GET /api/models). */
export function pricedModelToJson(m: ModelRecord, groupRatio: number) {
  return {
    name: m.name,
    modelRatio: m.modelRatio,
    completionRatio: m.completionRatio,
    cacheRatio: m.cacheRatio,
    fixedPrice: m.fixedPrice,
    maxOutputTokens: m.maxOutputTokens,
    rates: effectiveRates(m, groupRatio),
  };
}
