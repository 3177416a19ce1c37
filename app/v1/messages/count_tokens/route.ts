import { countTokens } from "@/lib/gateway/endpoints";
import { preflight, v1Route } from "@/lib/server/v1";

export const dynamic = "force-dynamic";

// POST /v1/messages/count_tokens: the prompt's token count, free of charge
export const POST = v1Route(countTokens);
export const OPTIONS = v1Route(preflight);
