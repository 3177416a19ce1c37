import { log } from "@/lib/log";

type Hook = () => Promise<void> | void;
const HOOKS = Symbol.for("gateway.shutdownHooks");
type Holder = { [HOOKS]?: Hook[] };

// Kept on globalThis: Next bundles route code separately from lib/server, so a module-level
// array would not be shared between the two copies of this file.
function hooks(): Hook[] {
  const holder = globalThis as Holder;
  holder[HOOKS] ??= [];
  return holder[HOOKS];
}

/** Registers work to finish before the process exits (flush batches, close pools). */
export function onShutdown(hook: Hook): void {
  hooks().push(hook);
}

/** Runs every shutdown hook, newest first; a failing hook is logged and does not stop the others. */
export async function runShutdownHooks(): Promise<void> {
  for (const hook of hooks().splice(0).reverse()) {
    try {
      await hook();
    } catch (err) {
      log().error({ err }, "shutdown hook failed");
    }
  }
}
