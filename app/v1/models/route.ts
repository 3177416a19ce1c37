import { listModels } from "@/lib/gateway/endpoints";
import { preflight, v1Route } from "@/lib/server/v1";

export const dynamic = "force-dynamic";

// GET /v1/models: the models this token may call
export const GET = v1Route(listModels);
export const OPTIONS = v1Route(preflight);
