import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";
import { Card } from "@/components/ui/card";

/** A headline number with a caption below it. */
export function StatCard({
  label,
  value,
  sub,
  icon: Icon,
  testId,
}: {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  icon?: LucideIcon;
  testId?: string;
}) {
  return (
    <Card className="p-5">
      <div className="flex items-center justify-between text-sm text-zinc-500">
        <span>{label}</span>
        {Icon ? <Icon className="h-4 w-4 text-zinc-400" aria-hidden /> : null}
      </div>
      <p className="mt-2 text-2xl font-semibold tracking-tight break-words tabular-nums" data-testid={testId}>
        {value}
      </p>
      {sub ? <p className="mt-1 truncate text-sm text-zinc-500 tabular-nums">{sub}</p> : null}
    </Card>
  );
}
