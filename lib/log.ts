// The process's one logger: JSON lines (pino) on stdout, a short readable line per entry in
// development. Lines of one call carry its `requestId`. Keys, prompts and completions are never
// logged: fields that could hold them are censored by name, whatever the caller passes.
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/** Field names whose values are never written (at the top level and one or two levels down). */
const SECRET_FIELDS = [
  "apiKey", "apiKeys", "key", "keys", "token", "secret", "password", "passwordHash", "authorization", "cookie",
  "x-api-key", "api-key", "encryptionKey", "messages", "prompt", "input", "content", "completion", "body", "text",
];

export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [`["${f}"]`, `*["${f}"]`, `*.*["${f}"]`]);

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

/** Development's readable form: `12:00:01 WARN [req_…] message {fields}`, without a worker thread. */
function prettyDestination(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line);
      } catch {
        out.write(line);
        return;
      }
      const { level, time, msg, requestId, pid: _pid, hostname: _host, err, ...rest } = entry;
      const at = new Date(Number(time)).toISOString().slice(11, 19);
      const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
      const stack = err && typeof err === "object" && "stack" in err ? `\n${(err as { stack: string }).stack}` : "";
      out.write(`${at} ${LEVELS[Number(level)] ?? level} ${requestId ? `[${requestId}] ` : ""}${msg ?? ""}${extra}${stack}\n`);
    },
  };
}

/** A logger with the production settings; `out` is where the lines go (stdout by default). */
export function createLogger(opts: { level?: string; pretty?: boolean; out?: NodeJS.WritableStream } = {}): Logger {
  const out = opts.out ?? process.stdout;
  return pino(
    {
      level: opts.level ?? "info",
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: pino.stdSerializers.err },
    },
    opts.pretty ? prettyDestination(out) : (out as DestinationStream),
  );
}

const LOGGER = Symbol.for("gateway.logger");

/** The process-wide logger (shared by lib/server and Next's bundle of the same code). */
export function log(): Logger {
  const g = globalThis as { [LOGGER]?: Logger };
  g[LOGGER] ??= createLogger({
    level: process.env.LOG_LEVEL || (process.env.VITEST ? "silent" : "info"),
    pretty: process.env.NODE_ENV === "development",
  });
  return g[LOGGER];
}

/** The logger of one call: every line carries its request id. */
export function callLog(requestId: string): Logger {
  return log().child({ requestId });
}
