import { startAnthropicMock } from "./anthropic";
import { startGeminiMock } from "./gemini";
import { startMockUpstream } from "./server";

// `npm run mock:upstream`: serves the OpenAI mock on PORT (default 4010), the Anthropic mock on
// PORT+1 and the Gemini mock on PORT+2, until SIGINT/SIGTERM. All take the key MOCK_API_KEY.
const port = Number(process.env.PORT ?? 4010);
const host = process.env.HOST ?? "127.0.0.1";
const apiKey = process.env.MOCK_API_KEY ?? "mock-key";
const mocks = [
  await startMockUpstream({ port, host, apiKey }),
  await startAnthropicMock({ port: port + 1, host, apiKey }),
  await startGeminiMock({ port: port + 2, host, apiKey }),
];
const [openai, anthropic, gemini] = mocks;
console.log(`mock upstreams listening: openai ${openai.url}, anthropic ${anthropic.url}, gemini ${gemini.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void Promise.all(mocks.map((m) => m.close())).then(() => process.exit(0));
  });
}
