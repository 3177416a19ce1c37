/** Ready-to-paste setups for the clients people use with the gateway: `origin` is e.g. "https://llm.example.com". */
export type SnippetId = "curl" | "python" | "node" | "claude-code" | "codex";

export const SNIPPET_LABELS: Record<SnippetId, string> = {
  curl: "curl",
  python: "Python",
  node: "Node.js",
  "claude-code": "Claude Code",
  codex: "Codex",
};

/** The text of one snippet, with the key (or a placeholder) and a model the viewer can call. */
export function snippet(id: SnippetId, origin: string, key: string, model: string): string {
  const base = `${origin}/v1`;
  switch (id) {
    case "curl":
      return `curl ${base}/chat/completions \\
  -H "Authorization: Bearer ${key}" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`;
    case "python":
      return `# pip install openai
from openai import OpenAI

client = OpenAI(base_url="${base}", api_key="${key}")
reply = client.chat.completions.create(
    model="${model}",
    messages=[{"role": "user", "content": "Hello"}],
)
print(reply.choices[0].message.content)`;
    case "node":
      return `// npm install openai
import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${base}", apiKey: "${key}" });
const reply = await client.chat.completions.create({
  model: "${model}",
  messages: [{ role: "user", content: "Hello" }],
});
console.log(reply.choices[0].message.content);`;
    case "claude-code":
      return `# Claude Code talks to the gateway's Anthropic-compatible /v1/messages
export ANTHROPIC_BASE_URL="${origin}"
export ANTHROPIC_AUTH_TOKEN="${key}"
claude`;
    case "codex":
      return `# ~/.codex/config.toml
model = "${model}"
model_provider = "gateway"

[model_providers.gateway]
name = "LLM Gateway"
base_url = "${base}"
wire_api = "responses"
env_key = "GATEWAY_API_KEY"

# then, in your shell:
# export GATEWAY_API_KEY="${key}"`;
  }
}
