import { preflightRoute, relayRoute } from "@/lib/gateway/route";

export const dynamic = "force-dynamic";

// POST /v1/embeddings: relayed to a channel serving the model, billed in credits
export const POST = relayRoute("embeddings");
export const OPTIONS = preflightRoute();
