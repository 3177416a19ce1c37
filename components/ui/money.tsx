import { formatCredits, formatUsd } from "@/lib/format";
import { cn } from "@/lib/utils";

/** An amount of credits, dollars first and credits beneath (or beside, `inline`). */
export function Money({ credits, inline = false, className, testId }: { credits: number; inline?: boolean; className?: string; testId?: string }) {
  if (inline) {
    return (
      <span className={cn("tabular-nums", className)}>
        <span data-testid={testId}>{formatUsd(credits)}</span> <span className="text-xs text-zinc-500">· {formatCredits(credits)}</span>
      </span>
    );
  }
  return (
    <span className={cn("grid gap-0.5 tabular-nums", className)}>
      <span className="font-medium" data-testid={testId}>
        {formatUsd(credits)}
      </span>
      <span className="text-xs text-zinc-500">{formatCredits(credits)}</span>
    </span>
  );
}
