"use client";

import { useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";

/**
 * Picks a subset of models with checkboxes. Nothing picked = every model of the group.
 * Selected names the group does not serve (any more) stay listed so saving never drops them silently.
 */
export function ModelPicker({
  available,
  value,
  onChange,
  error,
}: {
  available: string[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const [filter, setFilter] = useState("");
  const extra = value.filter((m) => !available.includes(m));
  const all = [...available, ...extra];
  const shown = all.filter((m) => m.toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (m: string, on: boolean) => onChange(on ? [...value, m] : value.filter((x) => x !== m));

  return (
    <fieldset className="grid gap-2" aria-describedby="allowed-models-hint">
      <legend className="mb-1.5 text-sm font-medium">Allowed models</legend>
      {all.length > 8 ? (
        <Input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Filter models…"
          aria-label="Filter models"
          className="h-8"
        />
      ) : null}
      <div className="max-h-44 overflow-y-auto rounded-md border border-zinc-200 p-1" data-testid="model-picker">
        {shown.length === 0 ? (
          <p className="px-2 py-3 text-sm text-zinc-500">
            {all.length === 0 ? "This group cannot call any model yet." : "No model matches."}
          </p>
        ) : (
          shown.map((m) => (
            <label key={m} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-zinc-50">
              <Checkbox checked={value.includes(m)} onChange={(e) => toggle(m, e.target.checked)} />
              <span className="truncate font-mono text-xs">{m}</span>
              {extra.includes(m) ? <span className="text-xs text-amber-700">(not served in this group)</span> : null}
            </label>
          ))
        )}
      </div>
      {error ? (
        <p className="text-xs text-red-600" role="alert">
          {error}
        </p>
      ) : (
        <p id="allowed-models-hint" className="text-xs text-zinc-500">
          {value.length === 0
            ? "None selected: the token may call every model of its group."
            : `${value.length} selected: the token may call only these.`}
          {value.length > 0 ? (
            <button type="button" className="ml-2 underline underline-offset-2" onClick={() => onChange([])}>
              Clear
            </button>
          ) : null}
        </p>
      )}
    </fieldset>
  );
}
