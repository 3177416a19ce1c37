import { readFileSync } from "node:fs";
// Ad-hoc load: N requests at C connections against gateway and direct mock.
import { Agent, request } from "undici";
import { startMockUpstream } from "./mock-upstream/server";
import { startApp } from "./support/app";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner } from "./support/relay-fixture";
const C = 50, N = Number(process.env.N ?? 4000);
async function load(url: string, key: string) {
  const agent = new Agent({ connections: C });
  const body = JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "hi" }] });
  let next = 0, ok = 0, bad = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: C }, async () => {
    while (next++ < N) {
      const r = await request(`${url}/chat/completions`, { method: "POST", dispatcher: agent, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
      await r.body.text(); r.statusCode === 200 ? ok++ : bad++;
    }
  }));
  const s = (performance.now() - t) / 1000; await agent.close();
  return { rps: Math.round(ok / s), bad };
}
async function main() {
const mock = await startMockUpstream();
const app = await startApp({ nodeArgs: process.env.PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/qb/prof"] : [] });
const admin = adminOf(app); await ensureModels(admin); await addChannel(admin, mock.url);
const { key } = await newTokenOwner(app, admin, { balance: 10_000_000_000 });
await load(`${app.url}/v1`, key);
console.log("direct", await load(mock.url, "mock-key"));
const cpu = () => { const f = readFileSync(`/proc/${app.process.pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
const c0 = cpu();
const g = await load(`${app.url}/v1`, key);
console.log("gateway", g, "cpu ms/req", ((cpu() - c0) / N).toFixed(3));
const rss = (await import("node:fs")).readFileSync(`/proc/${app.process.pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/)![1];
console.log("gateway peak RSS MB", Math.round(Number(rss) / 1024));
await app.stop(); await mock.close();
}
main();
