"use client";

import { ArrowRight, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export type MappingRow = { from: string; to: string };

/** Edits a channel's model mapping as rows of "requested model → upstream model". */
export function ModelMappingEditor({
  id,
  rows,
  onChange,
  invalid,
}: {
  id: string;
  rows: MappingRow[];
  onChange: (rows: MappingRow[]) => void;
  invalid?: boolean;
}) {
  const set = (i: number, patch: Partial<MappingRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="grid gap-2" id={id}>
      {rows.length === 0 ? <p className="text-xs text-zinc-500">No mapping: models are sent upstream under their own names.</p> : null}
      {rows.map((row, i) => (
        <div key={i} className="grid grid-cols-[1fr_auto_1fr_auto] items-center gap-2">
          <Input
            value={row.from}
            onChange={(e) => set(i, { from: e.target.value })}
            placeholder="requested model"
            aria-label={`Mapping ${i + 1}: requested model`}
            aria-invalid={invalid || undefined}
          />
          <ArrowRight className="h-4 w-4 text-zinc-400" aria-hidden />
          <Input
            value={row.to}
            onChange={(e) => set(i, { to: e.target.value })}
            placeholder="upstream model"
            aria-label={`Mapping ${i + 1}: upstream model`}
            aria-invalid={invalid || undefined}
          />
          <Button
            variant="ghost"
            size="icon"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            aria-label={`Remove mapping ${i + 1}`}
          >
            <Trash2 className="h-4 w-4" aria-hidden />
          </Button>
        </div>
      ))}
      <div>
        <Button variant="outline" size="sm" onClick={() => onChange([...rows, { from: "", to: "" }])}>
          <Plus className="h-4 w-4" aria-hidden />
          Add mapping
        </Button>
      </div>
    </div>
  );
}
