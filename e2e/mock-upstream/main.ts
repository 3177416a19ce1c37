import { startMockUpstream } from "./server";

// `npm run mock:upstream`: serves the mock on PORT (default 4010) until SIGINT/SIGTERM.
const port = Number(process.env.PORT ?? 4010);
const mock = await startMockUpstream({
  port,
  host: process.env.HOST ?? "127.0.0.1",
  apiKey: process.env.MOCK_API_KEY ?? "mock-key",
});
console.log(`mock upstream listening on ${mock.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void mock.close().then(() => process.exit(0));
  });
}
