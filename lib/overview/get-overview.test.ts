import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, profiles } from "@/db/schema";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { getOverview } from "./get-overview";

const NOW = new Date("2025-03-15T12:00:00Z");
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe.each(testEngines())("getOverview on %s", (engine) => {
  let t: TestDb;
  let workspaceId: string;
  let otherId: string;
  let emptyId: string;
  let seq = 0;

  async function addEvent(workspace: string, profileId: string, event: string, timestamp: Date) {
    seq += 1;
    await t.db.insert(events).values({ workspaceId: workspace, profileId, messageId: `m-${seq}`, type: "track", event, timestamp });
  }

  beforeAll(async () => {
    t = await createTestDb(engine);
    workspaceId = (await createWorkspace(t.db, { name: "Main" })).id;
    otherId = (await createWorkspace(t.db, { name: "Other" })).id;
    emptyId = (await createWorkspace(t.db, { name: "Empty" })).id;
    const [known, anonA, anonB] = await t.db
      .insert(profiles)
      .values([
        { workspaceId, userId: "u-1" },
        { workspaceId, anonymousIds: ["a-1"] },
        { workspaceId, anonymousIds: ["a-2"] },
      ])
      .returning({ id: profiles.id });
    const [foreign] = await t.db.insert(profiles).values({ workspaceId: otherId, userId: "u-1" }).returning({ id: profiles.id });

    // Last 7 days: 4 events from 2 profiles.
    await addEvent(workspaceId, known.id, "Page Viewed", ago(1 * HOUR));
    await addEvent(workspaceId, known.id, "Page Viewed", ago(2 * DAY));
    await addEvent(workspaceId, anonA.id, "Order Completed", ago(3 * DAY));
    await addEvent(workspaceId, anonA.id, "Page Viewed", ago(7 * DAY - HOUR));
    // The 7 days before: 2 events.
    await addEvent(workspaceId, anonB.id, "Page Viewed", ago(7 * DAY + HOUR));
    await addEvent(workspaceId, anonB.id, "Signed Up", ago(13 * DAY));
    // Older than 30 days, in the future, and in another workspace: never counted.
    await addEvent(workspaceId, anonB.id, "Page Viewed", ago(40 * DAY));
    await addEvent(workspaceId, known.id, "Page Viewed", new Date(NOW.getTime() + HOUR));
    await addEvent(otherId, foreign.id, "Page Viewed", ago(HOUR));
    // Either side of a UTC midnight.
    await addEvent(workspaceId, known.id, "Late", new Date("2025-03-10T23:59:59Z"));
    await addEvent(workspaceId, known.id, "Early", new Date("2025-03-11T00:00:00Z"));
  });
  afterAll(async () => t?.close());

  it("counts profiles, known and anonymous, of this workspace only", async () => {
    const o = await getOverview(t.db, { workspaceId, now: NOW });
    expect(o.profiles).toEqual({ total: 3, known: 1, anonymous: 2 });
  });

  it("compares the last 7 days with the 7 before and counts active profiles", async () => {
    const o = await getOverview(t.db, { workspaceId, now: NOW });
    // 4 listed + the two midnight events (4 and 5 days ago).
    expect(o.events.last7d).toBe(6);
    expect(o.events.previous7d).toBe(2);
    expect(o.events.change).toBeCloseTo(2);
    expect(o.activeProfiles7d).toBe(2);
  });

  it("buckets 30 UTC days, oldest first, with empty days as zero", async () => {
    const o = await getOverview(t.db, { workspaceId, now: NOW });
    expect(o.eventsPerDay).toHaveLength(30);
    expect(o.eventsPerDay[0].day).toBe("2025-02-14");
    expect(o.eventsPerDay.at(-1)).toEqual({ day: "2025-03-15", count: 1 });
    const byDay = Object.fromEntries(o.eventsPerDay.map((d) => [d.day, d.count]));
    expect(byDay["2025-03-10"]).toBe(1);
    expect(byDay["2025-03-11"]).toBe(1);
    expect(o.eventsPerDay.reduce((sum, d) => sum + d.count, 0)).toBe(8);
  });

  it("ranks the top events of the last 7 days", async () => {
    const o = await getOverview(t.db, { workspaceId, now: NOW });
    expect(o.topEvents[0]).toEqual({ event: "Page Viewed", count: 3 });
    expect(o.topEvents.map((e) => e.event)).not.toContain("Signed Up");
  });

  it("reports an empty workspace as zeros with no change to compare", async () => {
    const o = await getOverview(t.db, { workspaceId: emptyId, now: NOW });
    expect(o.profiles).toEqual({ total: 0, known: 0, anonymous: 0 });
    expect(o.events).toEqual({ last7d: 0, previous7d: 0, change: null });
    expect(o.topEvents).toEqual([]);
    expect(o.eventsPerDay.every((d) => d.count === 0)).toBe(true);
  });
});
