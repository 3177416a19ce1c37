import { attemptLimiter } from "@/lib/auth/attempt-limiter";

/** Sign-in attempts allowed per minute for one email, and for one client address. */
export const LOGIN_ATTEMPTS_PER_EMAIL = 10;
export const LOGIN_ATTEMPTS_PER_IP = 30;

const limiter = () => attemptLimiter("login");

/** Counts a sign-in attempt; false once the email or the address has tried too often this minute. */
export async function allowLoginAttempt(email: string, clientIp: string | null): Promise<boolean> {
  const now = Date.now();
  const byEmail = await limiter().hit(`e:${email}`, LOGIN_ATTEMPTS_PER_EMAIL, now);
  const byIp = clientIp ? await limiter().hit(`ip:${clientIp}`, LOGIN_ATTEMPTS_PER_IP, now) : { ok: true };
  return byEmail.ok && byIp.ok;
}
