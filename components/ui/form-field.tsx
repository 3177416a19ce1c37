import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { Label } from "@/components/ui/label";

type ControlProps = { "aria-describedby"?: string; "aria-invalid"?: boolean };

/**
 * A labelled form control with its validation message or hint below it. The control (the one child)
 * is tied to that text for screen readers (`aria-describedby`) and marked invalid while an error shows.
 */
export function FormField(props: { id: string; label: ReactNode; error?: string; hint?: ReactNode; children: ReactElement<ControlProps> }) {
  const describedBy = props.error ? `${props.id}-error` : props.hint ? `${props.id}-hint` : undefined;
  const control = isValidElement(props.children)
    ? cloneElement(props.children, {
        "aria-describedby": [props.children.props["aria-describedby"], describedBy].filter(Boolean).join(" ") || undefined,
        "aria-invalid": props.error ? true : undefined,
      })
    : props.children;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={props.id}>{props.label}</Label>
      {control}
      <FieldMessage id={props.id} error={props.error} hint={props.hint} />
    </div>
  );
}

/** The error (announced) or the hint under a field; ids `${id}-error` / `${id}-hint` for aria-describedby. */
export function FieldMessage({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  if (error) {
    return (
      <p id={`${id}-error`} className="text-xs text-red-600" role="alert">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-zinc-500">
      {hint}
    </p>
  ) : null;
}
