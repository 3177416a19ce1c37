import { modelsRoute, preflightRoute } from "@/lib/gateway/route";

export const dynamic = "force-dynamic";

// GET /v1/models: the models this token may call
export const GET = modelsRoute();
export const OPTIONS = preflightRoute();
