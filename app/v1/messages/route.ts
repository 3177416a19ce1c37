import { messages } from "@/lib/gateway/endpoints";
import { preflight, v1Route } from "@/lib/server/v1";

export const dynamic = "force-dynamic";

// POST /v1/messages: Anthropic's Messages API (Claude Code, Anthropic SDKs), billed in credits
export const POST = v1Route(messages);
export const OPTIONS = v1Route(preflight);
