/**
 * What the bench must undo (processes, databases), undone in reverse order exactly once: at the
 * end, on a failure, on Ctrl-C / SIGTERM, or when the run outlives its time limit.
 */
export function cleanupStack() {
  const steps: { name: string; fn: () => Promise<void> | void }[] = [];
  let running: Promise<void> | null = null;
  return {
    /** Registers an undo step; later steps run first. */
    defer(name: string, fn: () => Promise<void> | void) {
      steps.push({ name, fn });
    },
    /** Runs every step (each at most 30 s; one failing does not stop the others). */
    run(): Promise<void> {
      running ??= (async () => {
        for (const step of steps.reverse()) {
          try {
            await Promise.race([step.fn(), new Promise((r) => setTimeout(r, 30_000).unref())]);
          } catch (err) {
            console.error(`cleanup (${step.name}) failed:`, err);
          }
        }
      })();
      return running;
    },
  };
}
