import { embeddings } from "@/lib/gateway/endpoints";
import { preflight, v1Route } from "@/lib/server/v1";

export const dynamic = "force-dynamic";

// POST /v1/embeddings: relayed to a channel serving the model, billed in credits
export const POST = v1Route(embeddings);
export const OPTIONS = v1Route(preflight);
