// The mock upstream in its own process (forked by upstream.ts), so the load generator and the mock
// never share an event loop. Answers its URL over IPC and ends when the bench goes away.
import { startMockUpstream } from "../mock-upstream/server";

const mock = await startMockUpstream();
// The mock records every request; a benchmark sends hundreds of thousands. Keep only the latest,
// enough to check that the peer and the gateway really reach the mock.
const KEEP = 200;
setInterval(() => {
  if (mock.requests.length > KEEP) mock.requests.splice(0, mock.requests.length - KEEP);
}, 250).unref();

process.send!({ url: mock.url, pid: process.pid });
const stop = () => void mock.close().then(() => process.exit(0));
process.on("disconnect", stop);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
