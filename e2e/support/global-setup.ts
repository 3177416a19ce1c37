import { startApp } from "./app";

/** One app on a fresh database for the browser specs; torn down when Playwright finishes. */
export default async function globalSetup() {
  const app = await startApp({ env: { ALLOW_REGISTRATION: "true" } });
  process.env.E2E_BASE_URL = app.url;
  process.env.E2E_ADMIN_API_KEY = app.adminApiKey;
  return async () => {
    await app.stop();
  };
}
