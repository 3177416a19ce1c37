import type { ReactNode } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The "+ New …" button in a table's toolbar. */
export function NewButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button onClick={onClick}>
      <Plus className="h-4 w-4" aria-hidden />
      {children}
    </Button>
  );
}
