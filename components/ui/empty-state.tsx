import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";

export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  className,
}: {
  icon?: LucideIcon;
  title: string;
  description?: string;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col items-center gap-2 px-4 py-10 text-center", className)}>
      {Icon ? (
        <span className="flex h-10 w-10 items-center justify-center rounded-full bg-zinc-100">
          <Icon className="h-5 w-5 text-zinc-500" aria-hidden />
        </span>
      ) : null}
      <p className="font-medium text-zinc-900">{title}</p>
      {description ? <p className="max-w-sm text-sm whitespace-normal text-zinc-500">{description}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
