import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { configureGroupCommit, takeGroup } from "../group-commit";
import { ingestBatch } from "../ingest-batch";
import { validateBatch } from "../validate";
import { eventsOf, ingest, newWorkspace, profilesOf, rollupsVsEvents } from "./helpers";

const T0 = Date.parse("2024-05-01T10:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe("scheduling groups", () => {
  // Requests with random identities (from a small set, so they overlap) and sizes; a few writer
  // slots; groups finish in a random order. Whatever happens: groups in flight never share an
  // identity, requests about the same identity start in arrival order, each request goes exactly
  // once, and the queue always drains.
  const request = fc.record({ keys: fc.uniqueArray(fc.constantFrom("u:a", "u:b", "u:c", "a:1", "a:2", "a:3", "a:4"), { minLength: 1, maxLength: 3 }), size: fc.integer({ min: 1, max: 120 }) });
  it("keeps groups in flight disjoint, keeps order per identity and never stalls", () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), (specs, writers, choices) => {
        const queue = specs.map((r, id) => ({ id, keys: r.keys, request: { messages: Array.from({ length: r.size }) } }));
        let waiting = [...queue];
        const inFlight: (typeof queue)[] = [];
        const started: number[] = [];
        let pick = 0;
        while (waiting.length || inFlight.length) {
          while (inFlight.length < writers && waiting.length) {
            const busy = new Set<string>(inFlight.flat().flatMap((q) => q.keys));
            const { taken, rest } = takeGroup(waiting, (k) => busy.has(k), 250);
            if (!taken.length) break;
            expect(taken.flatMap((q) => q.keys).filter((k) => busy.has(k))).toEqual([]);
            expect(taken.length === 1 || taken.reduce((n, q) => n + q.request.messages.length, 0) <= 250).toBe(true);
            started.push(...taken.map((q) => q.id));
            waiting = rest;
            inFlight.push(taken);
          }
          // A free slot with requests waiting, yet nothing could start: only while groups are in flight.
          expect(inFlight.length).toBeGreaterThan(0);
          inFlight.splice(choices[pick++ % choices.length] % inFlight.length, 1);
        }
        expect([...started].sort((a, b) => a - b)).toEqual(queue.map((q) => q.id));
        for (const key of new Set(specs.flatMap((r) => r.keys))) {
          const order = started.filter((id) => queue[id].keys.includes(key));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(testEngines())("group commit on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    // One writer: the first request of a burst is written alone, the rest as one group, so the
    // groups below are predictable. (concurrency.test.ts races the default, several writers.)
    configureGroupCommit({ writers: 1 });
  });
  afterAll(async () => {
    configureGroupCommit({ writers: 4 });
    await t?.close();
  });

  /** Counts the transactions opened while `fn` runs: one per group (no other writer runs here). */
  async function countTransactions<T>(fn: () => Promise<T>): Promise<{ result: T; transactions: number }> {
    const spy = vi.spyOn(t.db, "transaction");
    try {
      const result = await fn();
      return { result, transactions: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }

  it("writes racing identifies and tracks for the same profiles together, with exact events, rollups and traits", async () => {
    const ws = await newWorkspace(t.db, "Group race");
    await ingest(t.db, ws, [{ type: "identify", userId: "u1", traits: { email: "ann@x.test", plan: "free" }, timestamp: at(0) }]);
    await ingest(t.db, ws, [
      { type: "page", anonymousId: "a1", category: "Sports", timestamp: at(1) },
      { type: "identify", anonymousId: "a1", traits: { color: "red", plan: "trial" }, timestamp: at(2) },
    ]);
    const [known] = (await profilesOf(t.db, ws)).filter((p) => p.user_id === "u1");

    // 12 requests in flight at once: the first is written alone, the other 11 as one group.
    const requests = Array.from({ length: 12 }, (_, r) => {
      switch (r % 4) {
        case 0:
          return [{ type: "track", userId: "u1", event: "Order Completed", properties: { revenue: 10.25 }, timestamp: at(10 + r) }];
        case 1: // logs the anonymous visitor in: merges a1's profile into u1's
          return [{ type: "identify", userId: "u1", anonymousId: "a1", traits: { [`k${r}`]: r }, timestamp: at(10 + r) }];
        case 2: // still tracking under the anonymous id, before or after the merge
          return [{ type: "page", anonymousId: "a1", category: "News", timestamp: at(10 + r) }, { type: "track", anonymousId: "a1", event: "Product Viewed", properties: { category: "Shoes", revenue: 1 }, timestamp: at(10 + r) }];
        default: // a new device of the same user
          return [{ type: "track", anonymousId: `d${r}`, event: "Opened", timestamp: at(10 + r) }, { type: "identify", userId: "u1", anonymousId: `d${r}`, traits: { plan: `p${r}` }, timestamp: at(10 + r) }];
      }
    });
    const { result, transactions } = await countTransactions(() => Promise.all(requests.map((batch) => ingest(t.db, ws, batch))));
    expect(transactions).toBe(2);

    const profiles = await profilesOf(t.db, ws);
    expect(profiles).toHaveLength(1);
    expect(profiles[0].id).toBe(known.id);
    expect([...profiles[0].anonymous_ids].sort()).toEqual(["a1", "d11", "d3", "d7"]);
    // newest wins per key: the last plan sent (request 11), the merged profile's color, every k
    expect(profiles[0].traits).toEqual({ email: "ann@x.test", plan: "p11", color: "red", k1: 1, k5: 5, k9: 9 });
    expect(new Date(profiles[0].first_seen_at).toISOString()).toBe(at(0));
    expect(new Date(profiles[0].last_seen_at).toISOString()).toBe(at(21));

    const events = await eventsOf(t.db, ws);
    expect(events).toHaveLength(3 + requests.flat().length);
    expect(new Set(events.map((e) => e.profile_id))).toEqual(new Set([known.id]));
    const { stored, computed } = await rollupsVsEvents(t.db, ws);
    expect(stored).toEqual(computed);
    expect(stored).toContainEqual(expect.objectContaining({ event: "Order Completed", dim_key: "", count: 3, revenue: 30.75 }));
    expect(result.map((r) => r.accepted)).toEqual(requests.map((b) => b.length));
    expect(result.flatMap((r) => r.mergedProfileIds)).toHaveLength(1);
    expect(new Set(result.flatMap((r) => r.profileIds))).toEqual(new Set([known.id]));
    const [{ n: merges }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_entries where workspace_id = ${ws}::uuid and action = 'profile.merged'`);
    expect(Number(merges)).toBe(1);
  });

  it("fails only the request that cannot be stored, never the others of its group", async () => {
    const ws = await newWorkspace(t.db, "Group poison");
    const valid = (batch: Record<string, unknown>[]) => {
      const r = validateBatch({ batch });
      if (!r.ok) throw new Error("invalid");
      return r.messages;
    };
    // Valid as far as validation can tell, but PostgreSQL refuses the year -5000 inside the transaction.
    const poisoned = valid([{ type: "track", anonymousId: "bad", event: "Poison", messageId: "bad-1" }]).map((m) => ({ ...m, clientTimestamp: new Date(Date.UTC(-5000, 0, 1)) }));
    const send = (messages: ReturnType<typeof valid>) => ingestBatch(t.db, { workspaceId: ws, messages });
    const { result, transactions } = await countTransactions(() =>
      Promise.allSettled([
        send(valid([{ type: "track", anonymousId: "first", event: "E", messageId: "first-1" }])), // written alone
        send(valid([{ type: "track", anonymousId: "g1", event: "E", messageId: "g1-1" }])),
        send(poisoned),
        send(valid([{ type: "track", anonymousId: "g2", event: "E", messageId: "g2-1" }])),
        send(valid([{ type: "identify", userId: "g3", traits: { ok: true }, messageId: "g3-1" }])),
      ]),
    );
    expect(result.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    // first alone; the group of 4; its halves (g1+bad, g2+g3); g1 and bad alone
    expect(transactions).toBe(6);
    expect((await eventsOf(t.db, ws)).map((e) => e.message_id).sort()).toEqual(["first-1", "g1-1", "g2-1", "g3-1"]);
    const [{ n: bad }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from identities where workspace_id = ${ws}::uuid and value = 'bad'`);
    expect(Number(bad)).toBe(0);
    const { stored, computed } = await rollupsVsEvents(t.db, ws);
    expect(stored).toEqual(computed);
  });

  it("stores a messageId repeated across the requests of one group once, and counts it once", async () => {
    const ws = await newWorkspace(t.db, "Group dupes");
    await ingest(t.db, ws, [{ type: "track", anonymousId: "z", event: "Seen", messageId: "old", timestamp: at(0) }]);
    const order = { type: "track", anonymousId: "z", event: "Flight Booked", properties: { destination: "Rome", revenue: 100 }, messageId: "m1", timestamp: at(1) };
    const identify = { type: "identify", anonymousId: "z", traits: { n: 1 }, messageId: "m2", timestamp: at(2) };
    const { result, transactions } = await countTransactions(() =>
      Promise.all([
        ingest(t.db, ws, [{ type: "track", anonymousId: "w", event: "Wait", messageId: "w1" }]), // written alone
        ingest(t.db, ws, [order, identify]),
        ingest(t.db, ws, [order, { type: "track", anonymousId: "z", event: "Seen", messageId: "m3", timestamp: at(3) }]),
        ingest(t.db, ws, [identify, order, { type: "track", anonymousId: "z", event: "Seen", messageId: "old", timestamp: at(0) }]),
      ]),
    );
    expect(transactions).toBe(2);
    expect(result.map((r) => [r.accepted, r.duplicates])).toEqual([[1, 0], [2, 0], [1, 1], [0, 3]]);
    expect((await eventsOf(t.db, ws)).map((e) => e.message_id).sort()).toEqual(["m1", "m2", "m3", "old", "w1"]);
    const { stored, computed } = await rollupsVsEvents(t.db, ws);
    expect(stored).toEqual(computed);
    expect(stored).toContainEqual(expect.objectContaining({ event: "Flight Booked", dim_key: "", count: 1, revenue: 100 }));
    const z = (await profilesOf(t.db, ws)).find((p) => p.anonymous_ids.includes("z"))!;
    expect(z.traits).toEqual({ n: 1 });
    expect(new Date(z.last_seen_at).toISOString()).toBe(at(3));
  });
});
