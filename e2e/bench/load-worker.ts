// The load generator's own process (forked by load-client.ts), so that generating load never
// shares an event loop with the mock upstream or with the bench's own bookkeeping.
import { latency, streams, throughput } from "./load";
import type { LoadTask } from "./load-client";

async function run(task: LoadTask): Promise<unknown> {
  switch (task.kind) {
    case "throughput":
      return throughput(task.target, task.connections, task.durationMs);
    case "latency":
      return latency(task.target, task.count);
    case "streams":
      return streams(task.target, task.count);
  }
}

process.on("message", (msg: { id: number; task: LoadTask }) => {
  run(msg.task).then(
    (result) => process.send!({ id: msg.id, result }),
    (err: unknown) => process.send!({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
// The bench went away (finished, crashed or interrupted): so does the load.
process.on("disconnect", () => process.exit(0));
