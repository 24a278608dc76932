import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { profiles, segmentMembers, segmentMembershipChanges, segmentSizeDaily, segments } from "@/db/schema";
import { newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { getSegmentHighlights } from "./get-segment-highlights";

const NOW = new Date("2025-03-15T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

type Change = ["enter" | "exit", Date];
/** Per segment: when it was created, its status, how many members it has now, and its enter/exit log. */
const SEGMENTS: Record<string, { created: Date; members: number; changes: Change[]; status?: "archived" }> = {
  // 4 a week ago, +3 −1 since: +2, +50%. The change 20 days ago and the one exactly 7 days ago are outside the window.
  "old-grower": { created: ago(30), members: 6, changes: [["enter", ago(20)], ["enter", ago(7)], ["enter", ago(6)], ["enter", ago(3)], ["enter", ago(1)], ["exit", ago(2)]] },
  "old-flat": { created: ago(30), members: 5, changes: [["enter", ago(5)], ["exit", ago(4)]] },
  // 1 a week ago, +2 since (one exactly now counts): +200%.
  fast: { created: ago(30), members: 3, changes: [["enter", ago(2)], ["enter", NOW], ["enter", new Date(NOW.getTime() + DAY)]] },
  "was-empty": { created: ago(30), members: 2, changes: [["enter", ago(1)], ["enter", ago(1)]] },
  fresh: { created: ago(2), members: 4, changes: Array.from({ length: 4 }, (): Change => ["enter", ago(2)]) },
  shrinking: { created: ago(30), members: 1, changes: [["exit", ago(1)], ["exit", ago(1)], ["exit", ago(1)]] },
  archived: { created: ago(30), members: 9, changes: Array.from({ length: 9 }, (): Change => ["enter", ago(1)]), status: "archived" },
};

async function seed(db: Database, name: string) {
  const workspaceId = await newWorkspace(db, name);
  const people = await db
    .insert(profiles)
    .values(Array.from({ length: 10 }, (_, i) => ({ workspaceId, userId: `u${i}` })))
    .returning({ id: profiles.id });
  for (const [key, s] of Object.entries(SEGMENTS)) {
    const [row] = await db.insert(segments).values({ workspaceId, key, name: key, rule: {}, createdAt: s.created, status: s.status ?? "active" }).returning();
    if (s.members) await db.insert(segmentMembers).values(people.slice(0, s.members).map((p) => ({ workspaceId, segmentId: row.id, profileId: p.id, enteredAt: ago(1) })));
    await db.insert(segmentMembershipChanges).values(s.changes.map(([kind, at], i) => ({ workspaceId, segmentId: row.id, profileId: people[i % 10].id, kind, at })));
  }
  return workspaceId;
}

describe.each(testEngines())("getSegmentHighlights on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seed(t.db, "Highlights");
    await seed(t.db, "Other");
  });
  afterAll(async () => t?.close());

  it("lists the largest active segments with their share of all profiles", async () => {
    const h = await getSegmentHighlights(t.db, { workspaceId: ws, now: NOW });
    expect(h.totalProfiles).toBe(10);
    expect(h.activeSegments).toBe(6);
    expect(h.largest.map((s) => [s.key, s.size, s.share])).toEqual([
      ["old-grower", 6, 0.6],
      ["old-flat", 5, 0.5],
      ["fresh", 4, 0.4],
      ["fast", 3, 0.3],
      ["was-empty", 2, 0.2],
    ]);
  });

  it("ranks growth over the last 7 days relative to the size a week ago; new segments last", async () => {
    const h = await getSegmentHighlights(t.db, { workspaceId: ws, now: NOW });
    expect(h.fastestGrowing.map((g) => [g.key, g.entries, g.exits, g.net, g.sizeBefore, g.change, g.isNew])).toEqual([
      ["fast", 2, 0, 2, 1, 2, false],
      ["old-grower", 3, 1, 2, 4, 0.5, false],
      ["was-empty", 2, 0, 2, 0, null, false],
      ["fresh", 4, 0, 4, 0, null, true],
    ]);
  });

  it("takes the size a week ago from the daily size history when there is one, even for a segment saved today", async () => {
    const own = await newWorkspace(t.db, "With history");
    const people = await t.db.insert(profiles).values(Array.from({ length: 8 }, (_, i) => ({ workspaceId: own, userId: `h${i}` }))).returning({ id: profiles.id });
    const [segment] = await t.db.insert(segments).values({ workspaceId: own, key: "backfilled", name: "backfilled", rule: {}, createdAt: ago(0.1) }).returning();
    await t.db.insert(segmentMembers).values(people.map((p) => ({ workspaceId: own, segmentId: segment.id, profileId: p.id, enteredAt: ago(0.1) })));
    // Its first fill is in the log (8 entries now); the backfilled history says 5 a week ago, then +4 −1.
    await t.db.insert(segmentMembershipChanges).values(people.map((p) => ({ workspaceId: own, segmentId: segment.id, profileId: p.id, kind: "enter" as const, at: ago(0.1) })));
    const day = (d: number) => ago(d).toISOString().slice(0, 10);
    await t.db.insert(segmentSizeDaily).values([
      { workspaceId: own, segmentId: segment.id, day: day(8), size: 4, entries: 9, exits: 9, source: "backfill" as const },
      { workspaceId: own, segmentId: segment.id, day: day(7), size: 5, entries: 1, exits: 0, source: "backfill" as const },
      { workspaceId: own, segmentId: segment.id, day: day(3), size: 8, entries: 3, exits: 0, source: "backfill" as const },
      { workspaceId: own, segmentId: segment.id, day: day(1), size: 8, entries: 1, exits: 1, source: "backfill" as const },
    ]);
    const h = await getSegmentHighlights(t.db, { workspaceId: own, now: NOW });
    expect(h.fastestGrowing.map((g) => [g.key, g.size, g.sizeBefore, g.net, g.entries, g.exits, g.change, g.isNew, g.source])).toEqual([
      ["backfilled", 8, 5, 3, 4, 1, 0.6, false, "history"],
    ]);
  });

  it("is empty for a workspace without segments", async () => {
    const empty = await newWorkspace(t.db, "Empty");
    expect(await getSegmentHighlights(t.db, { workspaceId: empty, now: NOW })).toEqual({ totalProfiles: 0, activeSegments: 0, largest: [], fastestGrowing: [] });
  });
});
