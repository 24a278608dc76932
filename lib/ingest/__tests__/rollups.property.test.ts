import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { ingest, newWorkspace, rollupsVsEvents } from "./helpers";

const EVENTS = ["Page Viewed", "Product Viewed", "Flight Booked", "Email Link Clicked", "Signed Up"];
// ASCII only: the reference GROUP BY lowercases in SQL, ingestion in JS (see docs/ingestion.md).
const word = fc.constantFrom("Sports", "sports", "NEWS", "news", "Rome", "rome", "");
const properties = fc.record(
  {
    category: fc.oneof(word, fc.integer(), fc.constant(null)),
    product_type: word,
    destination: word,
    campaign: fc.oneof(word, fc.boolean()),
    revenue: fc.oneof(fc.integer({ min: -40, max: 400 }).map((n) => n / 4), fc.constant("12"), fc.constant(null)),
  },
  { requiredKeys: [] },
);
// Times around two UTC midnights, so day bucketing is exercised at its edges.
const timestamp = fc.integer({ min: -3 * 3600, max: 3 * 3600 }).chain((s) =>
  fc.constantFrom(Date.UTC(2024, 4, 2), Date.UTC(2024, 4, 3)).map((midnight) => new Date(midnight + s * 1000).toISOString()),
);
const message = fc.record({
  kind: fc.constantFrom("track", "track", "page", "identify", "alias"),
  event: fc.constantFrom(...EVENTS),
  anon: fc.integer({ min: 0, max: 5 }),
  user: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  properties,
  timestamp,
  // a small pool of messageIds makes duplicates (retries) common
  messageId: fc.option(fc.integer({ min: 0, max: 30 }).map(String), { nil: undefined }),
});

type Message = typeof message extends fc.Arbitrary<infer T> ? T : never;

function toSegment(m: Message) {
  const ids = { anonymousId: `a${m.anon}`, ...(m.user === null ? {} : { userId: `u${m.user}` }), messageId: m.messageId, timestamp: m.timestamp };
  switch (m.kind) {
    case "page":
      return { type: "page", ...ids, category: typeof m.properties.category === "string" ? m.properties.category : undefined, properties: m.properties };
    case "identify":
      return { type: "identify", ...ids, traits: { seen: m.timestamp } };
    case "alias":
      return { type: "alias", previousId: `a${m.anon}`, userId: `u${m.user ?? 0}`, messageId: m.messageId, timestamp: m.timestamp };
    default:
      return { type: "track", ...ids, event: m.event, properties: m.properties };
  }
}

describe.each(testEngines())("rollups on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("always equal a GROUP BY over the stored events, through duplicates and merges", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(message, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        const ws = await newWorkspace(t.db, "Prop");
        const ids = new Set<string>();
        for (const batch of batches) {
          const segment = batch.map(toSegment);
          await ingest(t.db, ws, segment);
          for (const m of segment) if (m.messageId !== undefined) ids.add(m.messageId);
        }
        const { stored, computed } = await rollupsVsEvents(t.db, ws);
        expect(stored).toEqual(computed);
        const generated = batches.flat().filter((m) => m.messageId === undefined).length;
        const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from events where workspace_id = ${ws}::uuid`);
        expect(Number(n)).toBe(ids.size + generated);
      }),
      { numRuns: 25 },
    );
  });
});
