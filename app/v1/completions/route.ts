import { preflightRoute, relayRoute } from "@/lib/gateway/route";

export const dynamic = "force-dynamic";

// POST /v1/completions: relayed to a channel serving the model, billed in credits
export const POST = relayRoute("completions");
export const OPTIONS = preflightRoute();
