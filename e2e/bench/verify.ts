import { randomBytes } from "node:crypto";
import { CHAT_MODEL, type Target } from "./targets";
import type { UpstreamProcess } from "./upstream";

/**
 * Sends one plain and one streamed request through a target and checks that both succeed and both
 * really reached the mock upstream (found in what it recorded), so no figure comes from a target
 * that answers on its own or fails fast.
 */
export async function verifyTarget(target: Target, upstream: UpstreamProcess): Promise<void> {
  for (const stream of [false, true]) {
    const marker = `bench check ${target.name} ${randomBytes(6).toString("hex")}`;
    const res = await fetch(`${target.origin}${target.path}`, {
      method: "POST",
      headers: { ...target.headers, "content-type": "application/json" },
      body: JSON.stringify({ model: CHAT_MODEL, stream, messages: [{ role: "user", content: marker }] }),
    });
    const text = await res.text();
    const what = `${target.name} (${stream ? "stream" : "plain"})`;
    if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 500)}`);
    if (stream ? !text.includes("data: [DONE]") : !text.includes("Hello from mock")) {
      throw new Error(`${what} answered 200 but not the mock's answer: ${text.slice(0, 500)}`);
    }
    const seen = (await upstream.requests()).some((r) => JSON.stringify(r.body).includes(marker));
    if (!seen) throw new Error(`${what} answered without the request reaching the mock upstream`);
  }
}
