import type { ReactNode } from "react";
import { Label } from "@/components/ui/label";

/** A labelled form control with its validation message. */
export function FormField(props: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={props.id}>{props.label}</Label>
      {props.children}
      {props.error ? (
        <p id={`${props.id}-error`} className="text-xs text-red-600" role="alert">
          {props.error}
        </p>
      ) : props.hint ? (
        <p className="text-xs text-zinc-500">{props.hint}</p>
      ) : null}
    </div>
  );
}
