"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** Copies `value` to the clipboard and says "Copied" for a moment; `iconOnly` keeps the words for screen readers. */
export function CopyButton({
  value,
  label = "Copy",
  iconOnly = false,
  className,
  ...props
}: Omit<ButtonProps, "onClick" | "value"> & { value: string; label?: string; iconOnly?: boolean }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button
      variant={iconOnly ? "ghost" : "outline"}
      size="sm"
      title={iconOnly ? label : undefined}
      className={cn(iconOnly && "h-7 w-7 px-0", className)}
      {...props}
      onClick={async (e) => {
        e.stopPropagation();
        try {
          await navigator.clipboard.writeText(value);
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 2000);
      }}
    >
      {state === "copied" ? <Check className="h-4 w-4" aria-hidden /> : <Copy className="h-4 w-4" aria-hidden />}
      <span aria-live="polite" className={iconOnly ? "sr-only" : undefined}>
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed — select the text" : label}
      </span>
    </Button>
  );
}
