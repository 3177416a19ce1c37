import { chatCompletions } from "@/lib/gateway/endpoints";
import { preflight, v1Route } from "@/lib/server/v1";

export const dynamic = "force-dynamic";

// POST /v1/chat/completions: relayed to a channel serving the model, billed in credits
export const POST = v1Route(chatCompletions);
export const OPTIONS = v1Route(preflight);
