import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database } from "@/db/client";
import { ingest, newWorkspace, profilesOf } from "@/lib/ingest/__tests__/helpers";
import { addSegment } from "@/lib/membership/__tests__/helpers";
import "@/lib/membership/register";
import { writeEnters } from "@/lib/membership/write-changes";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { deliverWebhooks } from "../deliver-webhooks";
import { listDeliveries } from "../list-deliveries";
import { createWebhook, setWebhookActive } from "../manage-webhooks";
import { createWebhookSchema } from "../schemas";
import { signPayload, verifySignature } from "../sign-payload";

const actor = { id: "user:test", label: "test@example.com" };
const PRO = { type: "trait", field: "traits.plan", operator: "equals", value: "pro" };

/** A receiver on 127.0.0.1 that answers 500 to the first `failures` requests, then 200. */
async function receiver(failures: number) {
  const received: { body: string; signature: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["x-tailor-signature"] ?? "") });
      res.statusCode = received.length <= failures ? 500 : 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("webhook signatures and URLs", () => {
  it("verifies its own signature and refuses a tampered body, another secret or an old timestamp", () => {
    const now = 1_700_000_000;
    const header = signPayload("whsec_a", '{"x":1}', now);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature("whsec_a", '{"x":1}', header, { nowSeconds: now + 10 })).toBe(true);
    expect(verifySignature("whsec_a", '{"x":2}', header, { nowSeconds: now })).toBe(false);
    expect(verifySignature("whsec_b", '{"x":1}', header, { nowSeconds: now })).toBe(false);
    expect(verifySignature("whsec_a", '{"x":1}', header, { nowSeconds: now + 3600 })).toBe(false);
    expect(verifySignature("whsec_a", '{"x":1}', "t=abc,v1=zz")).toBe(false);
  });

  it.each([
    ["https://example.com/hook", true],
    ["http://localhost:4000/hook", true],
    ["http://127.0.0.1/hook", true],
    ["http://example.com/hook", false],
    ["ftp://example.com/hook", false],
    ["javascript:alert(1)", false],
  ])("%s allowed: %s", (url, ok) => {
    expect(createWebhookSchema.safeParse({ url }).success).toBe(ok);
  });
});

describe.each(testEngines())("webhook deliveries on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("sends a signed segment.entered, retries after failures with backoff, and marks it delivered", async () => {
    const ws = await newWorkspace(t.db);
    await addSegment(t.db, ws, "pro", PRO);
    const server = await receiver(2);
    try {
      const { webhook, secret } = await createWebhook(t.db, { workspaceId: ws, actor }, createWebhookSchema.parse({ url: server.url, segments: ["pro"] }));
      expect(secret).toMatch(/^whsec_/);
      await ingest(t.db, ws, [{ type: "identify", userId: "u1", anonymousId: "a1", traits: { plan: "pro" } }]);

      const t0 = new Date();
      expect(await deliverWebhooks(t.db, t0)).toEqual({ queued: 1, sent: 1 });
      let [d] = await listDeliveries(t.db, ws);
      expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500", type: "segment.entered", segmentKey: "pro" });
      expect(new Date(d.nextAttemptAt!).getTime() - t0.getTime()).toBe(1_000);

      expect(await deliverWebhooks(t.db, new Date(t0.getTime() + 500))).toEqual({ queued: 0, sent: 0 });
      await deliverWebhooks(t.db, new Date(t0.getTime() + 1_000));
      [d] = await listDeliveries(t.db, ws);
      expect(d).toMatchObject({ status: "pending", attempts: 2 });
      expect(new Date(d.nextAttemptAt!).getTime() - t0.getTime()).toBe(6_000);

      await deliverWebhooks(t.db, new Date(t0.getTime() + 6_000));
      [d] = await listDeliveries(t.db, ws);
      expect(d).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });

      expect(server.received).toHaveLength(3);
      expect(new Set(server.received.map((r) => r.body)).size).toBe(1);
      const body = JSON.parse(server.received[0].body);
      expect(body).toMatchObject({ type: "segment.entered", segment: { key: "pro", name: "PRO" }, profile: { userId: "u1", anonymousIds: ["a1"] } });
      expect(Date.parse(body.at)).toBeGreaterThan(Date.now() - 60_000);
      for (const r of server.received) {
        const seconds = Number(/t=(\d+)/.exec(r.signature)![1]);
        expect(verifySignature(secret, r.body, r.signature, { nowSeconds: seconds })).toBe(true);
        expect(verifySignature("whsec_wrong", r.body, r.signature, { nowSeconds: seconds })).toBe(false);
      }
      expect(webhook.segments).toEqual([{ key: "pro", name: "PRO" }]);
    } finally {
      await server.close();
    }
  });

  it("gives up after 6 failed attempts; only watched segments and events are queued; paused webhooks queue nothing", async () => {
    const ws = await newWorkspace(t.db);
    await addSegment(t.db, ws, "pro", PRO);
    await addSegment(t.db, ws, "other", PRO);
    const server = await receiver(100);
    try {
      await createWebhook(t.db, { workspaceId: ws, actor }, createWebhookSchema.parse({ url: server.url, segments: ["pro"], events: ["exit"] }));
      await ingest(t.db, ws, [{ type: "identify", userId: "u1", traits: { plan: "pro" } }]);
      expect((await deliverWebhooks(t.db)).queued).toBe(0);
      await ingest(t.db, ws, [{ type: "identify", userId: "u1", traits: { plan: "free" } }]);
      let now = Date.now();
      for (let i = 0; i < 8; i++) {
        await deliverWebhooks(t.db, new Date(now));
        now += 11 * 60_000;
      }
      const [d] = await listDeliveries(t.db, ws);
      expect(d).toMatchObject({ type: "segment.exited", segmentKey: "pro", status: "failed", attempts: 6, nextAttemptAt: null });
      expect(server.received).toHaveLength(6);

      const other = await createWebhook(t.db, { workspaceId: ws, actor }, createWebhookSchema.parse({ url: server.url }));
      await setWebhookActive(t.db, ws, other.webhook.id, false);
      await ingest(t.db, ws, [{ type: "identify", userId: "u2", traits: { plan: "pro" } }]);
      expect((await deliverWebhooks(t.db, new Date(now))).queued).toBe(0);
      const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from webhook_deliveries where workspace_id = ${ws}::uuid`);
      expect(Number(n)).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("never queues another workspace's changes", async () => {
    const ws = await newWorkspace(t.db);
    const other = await newWorkspace(t.db);
    await addSegment(t.db, other, "pro", PRO);
    await createWebhook(t.db, { workspaceId: ws, actor }, createWebhookSchema.parse({ url: "https://example.invalid/hook" }));
    await ingest(t.db, other, [{ type: "identify", userId: "u1", traits: { plan: "pro" } }]);
    await deliverWebhooks(t.db);
    expect(await listDeliveries(t.db, ws)).toEqual([]);
  });
});

// Two transactions interleaving need two connections: PostgreSQL only (PGlite has one).
describe.each(testEngines().filter((e) => e === "postgres"))("webhook cursor on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  // Change ids are drawn from a sequence when a row is written, not when it commits: the change
  // with the lower id can become visible last.
  it("delivers a change whose transaction commits after a change with a later id", async () => {
    const ws = await newWorkspace(t.db);
    const segment = await addSegment(t.db, ws, "pro", PRO);
    await ingest(t.db, ws, [{ type: "identify", userId: "first" }, { type: "identify", userId: "second" }]);
    const people = new Map((await profilesOf(t.db, ws)).map((p) => [p.user_id, p.id]));
    const server = await receiver(0);
    try {
      await createWebhook(t.db, { workspaceId: ws, actor }, createWebhookSchema.parse({ url: server.url }));
      let written!: () => void;
      let commit!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      const committing = new Promise<void>((resolve) => (commit = resolve));
      const slow = t.db.transaction(async (tx) => {
        await writeEnters(tx as unknown as Database, ws, [{ profileId: people.get("first")!, segmentId: segment.id }], new Date());
        written();
        await committing;
      });
      await wrote;
      await writeEnters(t.db, ws, [{ profileId: people.get("second")!, segmentId: segment.id }], new Date());
      await deliverWebhooks(t.db);
      commit();
      await slow;
      const order = await queryRows<{ profile_id: string }>(t.db, sql`select profile_id from segment_membership_changes where workspace_id = ${ws}::uuid order by id`);
      expect(order.map((c) => c.profile_id)).toEqual([people.get("first"), people.get("second")]);
      await deliverWebhooks(t.db);
      expect((await deliverWebhooks(t.db)).queued).toBe(0);
      const sent = server.received.map((r) => JSON.parse(r.body).profile.userId).sort();
      expect(sent).toEqual(["first", "second"]);
    } finally {
      await server.close();
    }
  });
});
