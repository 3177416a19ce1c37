import { z } from "zod";
import { parseCidrList, type CidrList } from "@/lib/net/cidr";
import { validTimeZone } from "@/lib/time-zone";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z
  .object({
    PORT: int(0, 65535).default(3000),
    HOSTNAME: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: or postgresql://")
      .optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
    REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, "letters, digits and :_.- only").default("gw:"),
    RATE_LIMIT_RPM: int(0, 1_000_000).default(0),
    BUDGET_TIME_ZONE: z
      .string()
      .refine((v) => validTimeZone(v) !== undefined, "must be an IANA time zone, e.g. UTC or Europe/Berlin")
      .default("UTC"),
    CONCURRENCY_LEASE_SECONDS: int(5, 86_400).default(60),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    TRUSTED_PROXIES: z.string().default(""),
    ADMIN_API_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
    ALLOW_REGISTRATION: bool.default(false),
    MAX_BODY_BYTES: int(1024, 512 * 1024 * 1024).default(20 * 1024 * 1024),
    REQUEST_TIMEOUT_MS: int(1000, 3_600_000).default(120_000),
    UPSTREAM_CONNECT_TIMEOUT_MS: int(100, 600_000).default(10_000),
    UPSTREAM_TIMEOUT_MS: int(1000, 3_600_000).default(300_000),
    UPSTREAM_MAX_ATTEMPTS: int(1, 10).default(3),
    CHANNEL_FAILURE_THRESHOLD: int(1, 1000).default(5),
    CHANNEL_PROBE_INTERVAL_MS: int(1000, 86_400_000).default(60_000),
    HOLD_TTL_SECONDS: int(10, 86_400).default(900),
    CHECKPOINT_INTERVAL_MS: int(100, 600_000).default(5_000),
    SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(30_000),
    ENCRYPTION_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    ENCRYPTION_KEY_PREVIOUS: z.string().min(32, "must be at least 32 characters").optional(),
    USAGE_RETENTION_DAYS: int(0, 36_500).default(0),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  })
  .refine((e) => !e.ADMIN_EMAIL === !e.ADMIN_PASSWORD, {
    message: "ADMIN_EMAIL and ADMIN_PASSWORD must be set together",
    path: ["ADMIN_PASSWORD"],
  });

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>, trustedProxies: CidrList) {
  return {
    port: env.PORT,
    hostname: env.HOSTNAME,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL ?? `file:${env.DATA_DIR.replace(/\/$/, "")}/gateway.db`,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    rateLimitRpm: env.RATE_LIMIT_RPM,
    budgetTimeZone: validTimeZone(env.BUDGET_TIME_ZONE)!,
    concurrencyLeaseSeconds: env.CONCURRENCY_LEASE_SECONDS,
    authSecret: env.AUTH_SECRET,
    trustedProxies,
    adminApiKey: env.ADMIN_API_KEY,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    allowRegistration: env.ALLOW_REGISTRATION,
    maxBodyBytes: env.MAX_BODY_BYTES,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    upstreamConnectTimeoutMs: env.UPSTREAM_CONNECT_TIMEOUT_MS,
    upstreamTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
    upstreamMaxAttempts: env.UPSTREAM_MAX_ATTEMPTS,
    channelFailureThreshold: env.CHANNEL_FAILURE_THRESHOLD,
    channelProbeIntervalMs: env.CHANNEL_PROBE_INTERVAL_MS,
    holdTtlSeconds: env.HOLD_TTL_SECONDS,
    checkpointIntervalMs: env.CHECKPOINT_INTERVAL_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    /** seals upstream keys at rest; generated into DATA_DIR when unset */
    encryptionKey: env.ENCRYPTION_KEY,
    /** usage records older than this many days are kept only as totals (0 = keep them all) */
    usageRetentionDays: env.USAGE_RETENTION_DAYS,
    /** GET /metrics is served only when set, to bearers of this token */
    metricsToken: env.METRICS_TOKEN,
  };
}

export class ConfigError extends Error {}

/** Parses and validates the environment; throws ConfigError naming every bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const proxies = parseCidrList(
    parsed.data.TRUSTED_PROXIES.split(/[\s,]+/).filter(Boolean),
  );
  if (!proxies.ok) {
    throw new ConfigError(
      `Invalid configuration:\n  TRUSTED_PROXIES: not an IP or CIDR: ${proxies.invalid.join(", ")}`,
    );
  }
  return toConfig(parsed.data, proxies.list);
}

const CONFIG = Symbol.for("gateway.config");
type Holder = { [CONFIG]?: Config };

/** The process-wide configuration, parsed once from process.env. */
export function getConfig(): Config {
  const holder = globalThis as Holder;
  holder[CONFIG] ??= parseConfig(process.env);
  return holder[CONFIG];
}
