import type { Actor } from "@/lib/auth/guards";
import { effectiveRates } from "@/lib/billing/pricing";
import { invalidate } from "@/lib/cache/bus";
import { listChannels } from "@/lib/db/channels";
import { DEFAULT_GROUP, getGroup, type GroupRecord } from "@/lib/db/groups";
import * as db from "@/lib/db/models";
import { modelsServedTo } from "@/lib/gateway/checks";
import type { ModelRecord } from "@/lib/db/models";
import { ApiError, orNotFound } from "@/lib/errors";
import { withoutRename } from "@/lib/services/rename";
import type { ModelCreate, ModelUpdate } from "@/lib/validation/models";

/** Admin: adds a model and its price; 409 when the name is taken. */
export async function createModel(input: ModelCreate): Promise<ModelRecord> {
  const model = await db.createModel(input);
  invalidate("routing");
  return model;
}

/** Admin: reads one model. */
export async function getModel(name: string): Promise<ModelRecord> {
  return orNotFound(await db.getModel(name), "model");
}

/** Admin: changes a model's price, limits or availability (renaming is not supported). */
export async function updateModel(name: string, input: ModelUpdate): Promise<ModelRecord> {
  const model = await db.updateModel(name, withoutRename(name, input, "models"));
  invalidate("routing");
  return model;
}

/** Admin: deletes a model (channels that list it no longer serve it). */
export async function deleteModel(name: string): Promise<void> {
  await db.deleteModel(name);
  invalidate("routing");
}

/** Enabled models that at least one active channel serving `group` lists, by name. */
export async function modelsForGroup(group: string): Promise<ModelRecord[]> {
  const channels = await listChannels({ activeOnly: true });
  const served = modelsServedTo(channels, group);
  return (await db.listModels({ enabledOnly: true })).filter((m) => served.has(m.name));
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

/** What every user may know of a model's price. */
function priceToJson(m: ModelRecord) {
  return {
    name: m.name,
    modelRatio: m.modelRatio,
    completionRatio: m.completionRatio,
    cacheRatio: m.cacheRatio,
    cacheWriteRatio: m.cacheWriteRatio,
    cacheWrite1hRatio: m.cacheWrite1hRatio,
    fixedPrice: m.fixedPrice,
    maxOutputTokens: m.maxOutputTokens,
    contextWindow: m.contextWindow,
  };
}

/** The public shape of a model (admin API). */
export function modelToJson(m: ModelRecord) {
  return { ...priceToJson(m), enabled: m.enabled, createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString() };
}

/** A model with its effective price in a group (GET /api/models). */
export function pricedModelToJson(m: ModelRecord, groupRatio: number) {
  return { ...priceToJson(m), rates: effectiveRates(m, groupRatio) };
}
