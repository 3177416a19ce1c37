import { readFileSync } from "node:fs";
import { startApp } from "./support/app";
const rss = (pid: number) => readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1];
async function main() {
  const app = await startApp({ nodeArgs: (process.env.NODE_ARGS ?? "").split(" ").filter(Boolean) });
  await new Promise((r) => setTimeout(r, 2000));
  console.log("idle after start MB", Math.round(Number(rss(app.process.pid!)) / 1024));
  await fetch(`${app.url}/v1/models`);
  console.log("after /v1 MB", Math.round(Number(rss(app.process.pid!)) / 1024));
  await fetch(`${app.url}/api/admin/users`, { headers: { authorization: `Bearer ${app.adminApiKey}` } });
  console.log("after /api MB", Math.round(Number(rss(app.process.pid!)) / 1024));
  await fetch(`${app.url}/login`);
  console.log("after a page MB", Math.round(Number(rss(app.process.pid!)) / 1024));
  await app.stop();
}
main();
