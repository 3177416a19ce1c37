/**
 * The `azure` channel type: Azure OpenAI, which speaks OpenAI's wire format at other URLs and
 * takes the key in `api-key`. The base URL is the resource endpoint
 * (`https://{resource}.openai.azure.com`; a pasted `…/openai` or `…/openai/v1` suffix is dropped).
 * With an `apiVersion` the channel uses the deployment form, where the upstream model name is the
 * deployment; without one, the version-less `/openai/v1/` form, where it is the body's `model`.
 */

/** The upstream URL for an OpenAI endpoint path such as `/chat/completions` or `/responses`. */
export function azureUrl(baseUrl: string, path: string, opts: { deployment: string; apiVersion: string | null }): string {
  const root = baseUrl.replace(/\/+$/, "").replace(/\/openai(\/v1)?$/, "");
  if (!opts.apiVersion) return `${root}/openai/v1${path}`;
  const version = `api-version=${encodeURIComponent(opts.apiVersion)}`;
  // The Responses API is not per deployment: the deployment goes in the body's `model`.
  if (path === "/responses") return `${root}/openai/responses?${version}`;
  return `${root}/openai/deployments/${encodeURIComponent(opts.deployment)}${path}?${version}`;
}

/** Upstream headers: the channel key as `api-key`, then the channel's extra headers. */
export function azureHeaders(apiKey: string, channelHeaders: Record<string, string> = {}): Record<string, string> {
  return { ...channelHeaders, "content-type": "application/json", "api-key": apiKey };
}
