/** One way of reaching the mock upstream's chat endpoint: directly, through the peer, or through the gateway. */
export type Target = {
  name: TargetName;
  /** Scheme, host and port (undici pools are per origin). */
  origin: string;
  /** Path of the chat completions endpoint on that origin. */
  path: string;
  headers: Record<string, string>;
};

export const TARGET_NAMES = ["direct", "peer", "gateway"] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** The key the mock upstream accepts (its default; relay-fixture's channels use it too). */
export const MOCK_KEY = "mock-key";

/** The model every request names; the mock answers any model, the gateway prices this one (relay-fixture). */
export { CHAT_MODEL } from "../support/relay-fixture";

/** Splits a base URL ending in /v1 into a target. */
export function targetAt(name: TargetName, baseUrl: string, headers: Record<string, string>): Target {
  const url = new URL(baseUrl);
  return { name, origin: url.origin, path: `${url.pathname.replace(/\/$/, "")}/chat/completions`, headers };
}
