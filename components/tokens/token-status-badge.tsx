import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { TokenState } from "@/components/tokens/types";

const variant: Record<TokenState, BadgeVariant> = {
  active: "success",
  disabled: "default",
  expired: "warning",
  exhausted: "danger",
};

export function TokenStatusBadge({ state }: { state: TokenState }) {
  return (
    <Badge variant={variant[state]} data-testid="token-status">
      {state[0].toUpperCase() + state.slice(1)}
    </Badge>
  );
}
