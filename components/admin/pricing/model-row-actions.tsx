"use client";

import { modelPath } from "@/components/admin/pricing/model-path";
import { ModelFormDialog } from "@/components/admin/pricing/model-form-dialog";
import type { ModelRow } from "@/components/admin/pricing/types";
import { EditDeleteActions, PatchSwitch } from "@/components/admin/row-actions";

/** Turns a model on or off for every token at once. */
export function ModelEnabledSwitch({ model }: { model: ModelRow }) {
  return (
    <PatchSwitch
      checked={model.enabled}
      label={`Enable model ${model.name}`}
      path={modelPath(model.name)}
      body={(on) => ({ enabled: on })}
      done={(on) => (on ? `“${model.name}” enabled.` : `“${model.name}” disabled.`)}
    />
  );
}

/** Edit and delete for one catalog model. */
export function ModelRowActions({ model }: { model: ModelRow }) {
  return (
    <EditDeleteActions
      label={`Actions for model ${model.name}`}
      editDialog={(open, onClose) => <ModelFormDialog open={open} onClose={onClose} model={model} />}
      deleteTitle={`Delete “${model.name}”?`}
      deleteDescription="Channels that list it stop serving it, and tokens can no longer call it."
      deletePath={modelPath(model.name)}
      deleted={`“${model.name}” deleted.`}
    />
  );
}
