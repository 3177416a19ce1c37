import { sharedRateLimiter, type RateLimiter } from "@/lib/cache/rate-limit";

/**
 * The per-minute limiter for guessable secrets (passwords, redemption codes) under `namespace`, one
 * per process: shared through Redis when configured, so guessing on several instances counts once.
 */
export function attemptLimiter(namespace: string): RateLimiter {
  const key = Symbol.for(`gateway.attemptLimiter.${namespace}`);
  const g = globalThis as { [k: symbol]: RateLimiter | undefined };
  g[key] ??= sharedRateLimiter(`${namespace}:`);
  return g[key];
}
