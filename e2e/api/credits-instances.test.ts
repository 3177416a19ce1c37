import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "../../lib/db/client";
import { worstCaseCost } from "../../lib/billing/pricing";
import { promptBound } from "../../lib/billing/bound";

/** The gateway's prompt bound for a body as sent. */
function boundOf(raw: string): number {
  const r = promptBound(Buffer.byteLength(raw), JSON.parse(raw));
  if (!r.ok) throw new Error(r.message);
  return r.value.tokens;
}
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import { apiClient } from "../support/api-client";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, rawV1 } from "../support/relay-fixture";

let mock: MockUpstream;
let db: TestDatabase;

beforeAll(async () => {
  mock = await startMockUpstream();
  db = await createTestDatabase();
});

afterAll(async () => {
  await mock?.close();
  await db?.drop();
});

const body = (maxTokens: number) =>
  JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "two instances" }], max_tokens: maxTokens });

describe("several gateway instances on one database", () => {
  let a: RunningApp;
  let b: RunningApp;

  afterAll(async () => {
    await b?.stop({ keepDatabase: true });
    await a?.stop({ keepDatabase: true });
  });

  it("keep a token's quota exact and non-negative under 50 concurrent requests split across them", async () => {
    a = await startApp({ db });
    b = await startApp({ db, env: { ADMIN_API_KEY: a.adminApiKey } });
    const admin = adminOf(a);
    await ensureModels(admin);
    await addChannel(admin, mock.url);
    const reservation = worstCaseCost(boundOf(body(10)), 10, { modelRatio: 1, completionRatio: 2, cacheRatio: 0.5 }, 1);
    const t = await newTokenOwner(a, admin, { token: { quota: reservation * 10 } });
    mock.setFault({ type: "delay", ms: 400 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => rawV1(i % 2 ? b : a, "/chat/completions", { key: t.key, body: body(10) })),
    );
    mock.setFault(null);
    const ok = answers.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(10);
    expect(answers.filter((r) => r.status !== 200).every((r) => r.body.error.code === "insufficient_quota")).toBe(true);
    const charged = ok.reduce((s, r) => s + r.body.usage.prompt_tokens + 2 * r.body.usage.completion_tokens, 0);
    // Both instances see the same settled state.
    for (const app of [a, b]) {
      const state = (await apiClient(app, { bearer: a.adminApiKey }).get(`/api/tokens/${t.tokenId}`)).body;
      expect(state.usedQuota).toBe(charged);
      expect(state.remainingQuota).toBeGreaterThanOrEqual(0);
    }
  }, 120_000);
});

describe("a process killed between reserve and settle", () => {
  it("leaves a hold that the reconciler releases after its TTL; nothing is lost or charged twice", async () => {
    const first = await startApp({ db, env: { HOLD_TTL_SECONDS: "10" } });
    const admin = adminOf(first);
    await ensureModels(admin);
    await addChannel(admin, mock.url);
    const t = await newTokenOwner(first, admin, { balance: 1_000_000, token: { quota: 100_000 } });
    mock.setFault({ type: "hang", times: 1 });
    const pending = rawV1(first, "/chat/completions", { key: t.key, body: body(10) }).catch(() => null);

    const prisma = createDbClient(db.url);
    try {
      await expect.poll(async () => prisma.hold.count({ where: { tokenId: t.tokenId } }), { timeout: 10_000 }).toBe(1);
      first.process.kill("SIGKILL");
      await pending;
      const held = await prisma.token.findUniqueOrThrow({ where: { id: t.tokenId }, select: { heldQuota: true } });
      expect(Number(held.heldQuota)).toBeGreaterThan(0);

      const second = await startApp({ db, env: { HOLD_TTL_SECONDS: "10", ADMIN_API_KEY: first.adminApiKey } });
      try {
        await expect
          .poll(async () => prisma.hold.count({ where: { tokenId: t.tokenId } }), { timeout: 30_000, interval: 500 })
          .toBe(0);
        const token = await prisma.token.findUniqueOrThrow({ where: { id: t.tokenId }, select: { heldQuota: true, usedQuota: true } });
        const owner = await prisma.user.findUniqueOrThrow({ where: { id: t.userId }, select: { heldBalance: true, balance: true } });
        expect(Number(token.heldQuota)).toBe(0);
        expect(Number(token.usedQuota)).toBe(0);
        expect(Number(owner.heldBalance)).toBe(0);
        expect(Number(owner.balance)).toBe(1_000_000);
        // And the token works again at once.
        expect((await rawV1(second, "/chat/completions", { key: t.key, body: body(10) })).status).toBe(200);
      } finally {
        await second.stop({ keepDatabase: true });
      }
    } finally {
      await prisma.$disconnect();
      await first.stop({ keepDatabase: true });
    }
  }, 120_000);
});
