// `npm run bench`: the mock upstream called directly, through a peer gateway (Portkey) and through
// this gateway, side by side in one run: throughput at 50 connections, latency one request at a
// time, 1,000 concurrent streams, and the gateway's memory; then issue #8's targets as ratios.
// Loopback only, bounded in time, and it cleans up after itself however it ends. Needs `npm run build`.
import { existsSync } from "node:fs";
import path from "node:path";
import { SERVER_ENTRY } from "../support/app";
import { cleanupStack } from "./cleanup";
import { parseOptions, USAGE } from "./options";
import { formatReport, writeResults } from "./report";
import { runBench } from "./run";

const root = path.resolve(import.meta.dirname, "../..");
const cleanup = cleanupStack();
let stopping = false;

async function stopAndExit(code: number, why?: string): Promise<never> {
  stopping = true;
  if (why) console.error(`\n[bench] ${why}: stopping and cleaning up …`);
  await cleanup.run();
  process.exit(code);
}

async function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2), root);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts === "help") return console.log(USAGE);
  if (opts.targets.includes("gateway") && !existsSync(path.join(root, SERVER_ENTRY))) {
    console.error("no build found: run `npm run build` first");
    process.exit(1);
  }
  process.once("SIGINT", () => void stopAndExit(130, "interrupted"));
  process.once("SIGTERM", () => void stopAndExit(143, "terminated"));
  const watchdog = setTimeout(() => void stopAndExit(1, `still running after ${opts.timeoutMs / 1000} s (BENCH_TIMEOUT_S)`), opts.timeoutMs);

  const results = await runBench(opts, cleanup);
  await cleanup.run();
  clearTimeout(watchdog);
  console.log(`\n${formatReport(results)}`);
  writeResults(opts.outFile, results);
  console.log(`\nresults: ${opts.outFile}${opts.profileDir ? `; CPU profile of the gateway in ${opts.profileDir}` : ""}`);
}

main().catch(async (err) => {
  // After Ctrl-C the children die first and the run fails with them: that is no news.
  if (!stopping) console.error(err);
  await stopAndExit(1);
});
