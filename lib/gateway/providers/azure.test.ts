import { describe, expect, it } from "vitest";
import { azureHeaders, azureUrl } from "@/lib/gateway/providers/azure";

const base = "https://contoso.openai.azure.com";

describe("azureUrl", () => {
  it("uses the deployment form with an api-version", () => {
    const opts = { deployment: "gpt-4o-prod", apiVersion: "2024-10-21" };
    expect(azureUrl(base, "/chat/completions", opts)).toBe(
      "https://contoso.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21",
    );
    expect(azureUrl(`${base}/`, "/embeddings", { deployment: "embed small", apiVersion: "2024-10-21" })).toBe(
      "https://contoso.openai.azure.com/openai/deployments/embed%20small/embeddings?api-version=2024-10-21",
    );
    expect(azureUrl(base, "/responses", { deployment: "gpt-5", apiVersion: "2025-04-01-preview" })).toBe(
      "https://contoso.openai.azure.com/openai/responses?api-version=2025-04-01-preview",
    );
  });

  it("uses the v1 form without one, whatever suffix the base URL was pasted with", () => {
    const opts = { deployment: "gpt-4o-prod", apiVersion: null };
    for (const url of [base, `${base}/`, `${base}/openai`, `${base}/openai/v1/`]) {
      expect(azureUrl(url, "/chat/completions", opts)).toBe("https://contoso.openai.azure.com/openai/v1/chat/completions");
    }
    expect(azureUrl(base, "/responses", opts)).toBe("https://contoso.openai.azure.com/openai/v1/responses");
  });
});

describe("azureHeaders", () => {
  it("sends the key as api-key, with the channel's extra headers", () => {
    expect(azureHeaders("az-key", { "x-ms-client": "gw", "api-key": "not this one" })).toEqual({
      "x-ms-client": "gw",
      "content-type": "application/json",
      "api-key": "az-key",
    });
  });
});
