import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Database } from "@/db/client";
import { profiles, segmentMembers, segments } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { getSegmentOverlap, listIntersectionMembers } from "./overlap";

/** Who is in which segment, by profile index (0–9); profile 9 is in none. */
const MEMBERS: Record<string, number[]> = {
  sports: [0, 1, 2, 3, 4, 5],
  finance: [3, 4, 5, 6, 7],
  buyers: [0, 5, 7, 8],
  empty: [],
};

/** Known pairwise overlaps of MEMBERS. */
const PAIRS: Array<[string, string, number]> = [
  ["sports", "sports", 6],
  ["finance", "finance", 5],
  ["buyers", "buyers", 4],
  ["sports", "finance", 3],
  ["sports", "buyers", 2],
  ["finance", "buyers", 2],
  ["empty", "sports", 0],
  ["empty", "empty", 0],
];

async function seed(db: Database, name: string, members: Record<string, number[]>) {
  const workspaceId = await newWorkspace(db, name);
  const people = await db
    .insert(profiles)
    .values(Array.from({ length: 10 }, (_, i) => ({ workspaceId, userId: `u${i}`, traits: { email: `u${i}@example.com`, first_name: `User${i}` } })))
    .returning({ id: profiles.id });
  for (const [key, indexes] of Object.entries(members)) {
    const [segment] = await db.insert(segments).values({ workspaceId, key, name: `${key} name`, rule: {} }).returning();
    if (indexes.length) {
      await db.insert(segmentMembers).values(indexes.map((i) => ({ workspaceId, segmentId: segment.id, profileId: people[i].id, enteredAt: new Date() })));
    }
  }
  return { workspaceId, ids: people.map((p) => p.id) };
}

describe.each(testEngines())("segment overlap on %s", (engine) => {
  let t: TestDb;
  let ws: { workspaceId: string; ids: string[] };
  const keys = Object.keys(MEMBERS);

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seed(t.db, "Overlap", MEMBERS);
    // Another workspace with the same keys and everyone in everything must not leak in.
    const all = Array.from({ length: 10 }, (_, i) => i);
    await seed(t.db, "Other", { sports: all, finance: all, buyers: all, empty: all });
  });
  afterAll(async () => t?.close());

  it.each(PAIRS)("%s ∩ %s = %i, symmetric", async (a, b, expected) => {
    const result = await getSegmentOverlap(t.db, { workspaceId: ws.workspaceId, keys });
    const i = keys.indexOf(a);
    const j = keys.indexOf(b);
    expect(result.matrix[i][j]).toBe(expected);
    expect(result.matrix[j][i]).toBe(expected);
  });

  it("returns segments in the order asked, with names, sizes, the union and the workspace's profile count", async () => {
    const result = await getSegmentOverlap(t.db, { workspaceId: ws.workspaceId, keys: ["buyers", "sports"] });
    expect(result).toEqual({
      segments: [
        { key: "buyers", name: "buyers name", size: 4 },
        { key: "sports", name: "sports name", size: 6 },
      ],
      matrix: [
        [4, 2],
        [2, 6],
      ],
      union: 8,
      totalProfiles: 10,
      asOf: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("an unknown key is a 404 that names it, even when it looks like SQL", async () => {
    const error = await getSegmentOverlap(t.db, { workspaceId: ws.workspaceId, keys: ["sports", "'; drop table segments; --"] }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(404);
    expect(error.message).toContain(`"'; drop table segments; --"`);
    expect((await getSegmentOverlap(t.db, { workspaceId: ws.workspaceId, keys: ["sports", "finance"] })).matrix[0][1]).toBe(3);
  });

  it.each([
    [["sports"], "at least 2"],
    [["a", "b", "c", "d", "e", "f", "g", "h", "i"], "at most 8"],
    [["sports", "sports"], "only once"],
  ])("refuses %j with a clear validation message", async (bad, message) => {
    const error = await getSegmentOverlap(t.db, { workspaceId: ws.workspaceId, keys: bad }).catch((e) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect(error.issues[0].message).toContain(message);
  });

  it("lists the members of an intersection page by page in profile-id order", async () => {
    const expected = [3, 4, 5].map((i) => ws.ids[i]).sort();
    const first = await listIntersectionMembers(t.db, { workspaceId: ws.workspaceId, a: "sports", b: "finance", limit: 2 });
    expect(first.data.map((m) => m.id)).toEqual(expected.slice(0, 2));
    expect(first.nextCursor).toBe(expected[1]);
    const second = await listIntersectionMembers(t.db, { workspaceId: ws.workspaceId, a: "sports", b: "finance", limit: 2, cursor: first.nextCursor! });
    expect(second.data.map((m) => m.id)).toEqual(expected.slice(2));
    expect(second.nextCursor).toBeNull();
    expect(second.data[0]).toMatchObject({ email: expect.stringMatching(/^u[345]@example\.com$/), name: expect.stringMatching(/^User[345]$/) });
  });

  it("a diagonal cell lists the segment's own members; an empty one lists nobody; an unknown key is a 404", async () => {
    const own = await listIntersectionMembers(t.db, { workspaceId: ws.workspaceId, a: "buyers", b: "buyers", limit: 50 });
    expect(own.data.map((m) => m.id)).toEqual([0, 5, 7, 8].map((i) => ws.ids[i]).sort());
    expect((await listIntersectionMembers(t.db, { workspaceId: ws.workspaceId, a: "empty", b: "sports", limit: 50 })).data).toEqual([]);
    await expect(listIntersectionMembers(t.db, { workspaceId: ws.workspaceId, a: "sports", b: "nope", limit: 50 })).rejects.toThrow(/"nope" was not found/);
  });

  it("answers from a short cache that says when it counted, and recounts on request", async () => {
    const own = await seed(t.db, "Cached overlap", { sports: [0, 1, 2], finance: [2, 3] });
    const first = await getSegmentOverlap(t.db, { workspaceId: own.workspaceId, keys: ["sports", "finance"] });
    expect(first.matrix[0][1]).toBe(1);
    await t.db.insert(segmentMembers).values({ workspaceId: own.workspaceId, segmentId: (await t.db.select().from(segments).where(eq(segments.workspaceId, own.workspaceId))).find((s) => s.key === "finance")!.id, profileId: own.ids[1], enteredAt: new Date() });
    const again = await getSegmentOverlap(t.db, { workspaceId: own.workspaceId, keys: ["sports", "finance"] });
    expect(again).toEqual(first);
    const fresh = await getSegmentOverlap(t.db, { workspaceId: own.workspaceId, keys: ["sports", "finance"], refresh: true });
    expect(fresh.matrix[0][1]).toBe(2);
    expect(Date.parse(fresh.asOf)).toBeGreaterThanOrEqual(Date.parse(first.asOf));
    // The recount replaced the cached answer.
    expect((await getSegmentOverlap(t.db, { workspaceId: own.workspaceId, keys: ["sports", "finance"] })).matrix[0][1]).toBe(2);
  });
});
