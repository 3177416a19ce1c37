// The /v1 endpoints as the core serves them: each takes the request and the dependencies and
// answers a RelayResult. app/v1/**/route.ts exports them; lib/server calls them without Next.
import { authenticate } from "@/lib/gateway/authenticate";
import { handleRelay } from "@/lib/gateway/call";
import { modelsForToken } from "@/lib/gateway/checks";
import { countTokens } from "@/lib/gateway/count-tokens";
import { anthropicMessagesFormat } from "@/lib/gateway/formats/anthropic-messages";
import { chatFormat, completionsFormat, embeddingsFormat, openaiError } from "@/lib/gateway/formats/openai";
import { responsesFormat } from "@/lib/gateway/formats/responses";
import { jsonResult, type RelayInput, type RelayResult } from "@/lib/gateway/http";
import type { GatewayDeps } from "@/lib/gateway/types";

export type Endpoint = (input: RelayInput, deps: GatewayDeps) => Promise<RelayResult>;

export const chatCompletions: Endpoint = (input, deps) => handleRelay(input, chatFormat, deps);
export const completions: Endpoint = (input, deps) => handleRelay(input, completionsFormat, deps);
export const embeddings: Endpoint = (input, deps) => handleRelay(input, embeddingsFormat, deps);
export const messages: Endpoint = (input, deps) => handleRelay(input, anthropicMessagesFormat, deps);
export const responses: Endpoint = (input, deps) => handleRelay(input, responsesFormat, deps);
export { countTokens };

/** GET /v1/models: the models this token may call, in OpenAI's list shape. */
export const listModels: Endpoint = async (input, deps) => {
  const { outcome } = await authenticate(input, deps);
  if (!outcome.ok) {
    deps.refused(outcome.code);
    return openaiError(outcome.code, outcome.message);
  }
  const names = modelsForToken(await deps.routing(), outcome.value);
  return jsonResult(200, {
    object: "list",
    data: names.map((id) => ({ id, object: "model", created: 0, owned_by: "gateway" })),
  });
};
