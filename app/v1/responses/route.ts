import { responses } from "@/lib/gateway/endpoints";
import { preflight, v1Route } from "@/lib/server/v1";

export const dynamic = "force-dynamic";

// POST /v1/responses: OpenAI's Responses API (Codex CLI), billed in credits
export const POST = v1Route(responses);
export const OPTIONS = v1Route(preflight);
