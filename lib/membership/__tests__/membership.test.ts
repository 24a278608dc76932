import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { ingest, newWorkspace, profilesOf } from "@/lib/ingest/__tests__/helpers";
import { deleteProfile } from "@/lib/profiles/delete-profile";
import { getProfile } from "@/lib/profiles/get-profile";
import { createSegment, updateSegment } from "@/lib/segments/save-segment";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import "../register";
import { recomputeMembers } from "../recompute-members";
import { reconcileSegment } from "../reconcile-segment";
import { reconcileTimeWindows } from "../reconcile-time-windows";
import { addSegment, changesOf, membersByKey, segmentState } from "./helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const actor = { id: "user:test", label: "test@example.com" };

const PRO = { type: "trait", field: "traits.plan", operator: "equals", value: "pro" };
const READ_RECENTLY = { type: "event", event: "Page Viewed", window: { kind: "last", amount: 1, unit: "days" } };
const PRO_READERS = { type: "group", op: "and", children: [{ type: "segment", op: "in", segment: "pro" }, READ_RECENTLY] };

describe.each(testEngines())("real-time membership on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("an ingested batch makes a profile enter a segment and the segment built on it at once; a trait change makes it exit", async () => {
    const ws = await newWorkspace(t.db);
    await addSegment(t.db, ws, "pro", PRO);
    await addSegment(t.db, ws, "pro-readers", PRO_READERS);
    await addSegment(t.db, ws, "archived-pro", PRO, "archived");

    await ingest(t.db, ws, [
      { type: "identify", userId: "u1", traits: { plan: "pro" }, timestamp: ago(2 * HOUR) },
      { type: "page", userId: "u1", name: "Home", timestamp: ago(HOUR) },
      { type: "identify", userId: "u2", traits: { plan: "free" }, timestamp: ago(HOUR) },
    ]);
    const [u1] = (await profilesOf(t.db, ws)).filter((p) => p.user_id === "u1");
    expect(await membersByKey(t.db, ws)).toEqual({ pro: [u1.id], "pro-readers": [u1.id] });
    expect((await changesOf(t.db, ws)).map((c) => [c.kind, c.key])).toEqual(expect.arrayContaining([["enter", "pro"], ["enter", "pro-readers"]]));
    expect((await segmentState(t.db, ws, "pro")).members_updated_at).not.toBeNull();

    const detail = await getProfile(t.db, ws, "u1");
    expect(detail?.segments.map((s) => s.key)).toEqual(["pro", "pro-readers"]);
    expect(Date.parse(detail!.segments[0].enteredAt)).toBeGreaterThan(Date.now() - 60_000);

    await ingest(t.db, ws, [{ type: "identify", userId: "u1", traits: { plan: "free" }, timestamp: ago(0) }]);
    expect(await membersByKey(t.db, ws)).toEqual({});
    const changes = await changesOf(t.db, ws);
    expect(changes.map((c) => `${c.kind} ${c.key}`).sort()).toEqual(["enter pro", "enter pro-readers", "exit pro", "exit pro-readers"]);
    expect(changes.every((c) => c.profile_id === u1.id)).toBe(true);
  });

  it("reconcileSegment (and the timer's reconcileTimeWindows) with a later now removes someone whose window lapsed", async () => {
    const ws = await newWorkspace(t.db);
    await addSegment(t.db, ws, "readers", READ_RECENTLY);
    await addSegment(t.db, ws, "pro", PRO);
    await ingest(t.db, ws, [
      { type: "page", userId: "r1", name: "A", timestamp: ago(HOUR) },
      { type: "page", userId: "r2", name: "B", timestamp: ago(HOUR) },
      { type: "identify", userId: "r2", traits: { plan: "pro" }, timestamp: ago(HOUR) },
    ]);
    const ids = Object.fromEntries((await profilesOf(t.db, ws)).map((p) => [p.user_id, p.id]));
    expect(await membersByKey(t.db, ws)).toEqual({ pro: [ids.r2], readers: [ids.r1, ids.r2].sort() });

    const later = new Date(Date.now() + DAY);
    const [result] = await reconcileSegment(t.db, { workspaceId: ws, segmentKey: "readers", now: later });
    expect(result).toEqual({ key: "readers", entered: 0, exited: 2, error: null });
    expect(await membersByKey(t.db, ws)).toEqual({ pro: [ids.r2] });
    const exits = (await changesOf(t.db, ws)).filter((c) => c.kind === "exit");
    expect(exits.map((c) => c.key)).toEqual(["readers", "readers"]);
    expect(new Date(exits[0].at).getTime()).toBe(later.getTime());
    expect(new Date((await segmentState(t.db, ws, "readers")).evaluated_at!).getTime()).toBe(later.getTime());

    // The timer only looks at clock-dependent segments: "pro" is left alone, nothing else changes.
    await ingest(t.db, ws, [{ type: "page", userId: "r1", name: "C", timestamp: ago(0) }]);
    expect((await membersByKey(t.db, ws)).readers).toEqual([ids.r1]);
    const timed = await reconcileTimeWindows(t.db, { workspaceId: ws, now: new Date(Date.now() + 2 * DAY) });
    expect(timed).toEqual([{ key: "readers", entered: 0, exited: 1, error: null }]);
    expect(await membersByKey(t.db, ws)).toEqual({ pro: [ids.r2] });
  });

  it("creating a segment or changing its rule makes stored membership exact in the same call", async () => {
    const ws = await newWorkspace(t.db);
    await ingest(t.db, ws, [
      { type: "identify", userId: "c1", traits: { plan: "pro" }, timestamp: ago(HOUR) },
      { type: "identify", userId: "c2", traits: { plan: "free" }, timestamp: ago(HOUR) },
    ]);
    const ids = Object.fromEntries((await profilesOf(t.db, ws)).map((p) => [p.user_id, p.id]));
    await createSegment(t.db, { workspaceId: ws, actor }, { key: "pro", name: "Pro", rule: PRO });
    await createSegment(t.db, { workspaceId: ws, actor }, { key: "not-pro", name: "Not pro", rule: { type: "segment", op: "not_in", segment: "pro" } });
    expect(await membersByKey(t.db, ws)).toEqual({ "not-pro": [ids.c2], pro: [ids.c1] });

    await updateSegment(t.db, { workspaceId: ws, actor }, "pro", { rule: { ...PRO, value: "free" } });
    expect(await membersByKey(t.db, ws)).toEqual({ "not-pro": [ids.c1], pro: [ids.c2] });

    await updateSegment(t.db, { workspaceId: ws, actor }, "not-pro", { status: "archived" });
    expect(await membersByKey(t.db, ws)).toEqual({ pro: [ids.c2] });
  });

  it("a merge moves membership to the survivor and records the merged-away profile's exit", async () => {
    const ws = await newWorkspace(t.db);
    await addSegment(t.db, ws, "readers", READ_RECENTLY);
    await ingest(t.db, ws, [{ type: "identify", userId: "m1", traits: { plan: "free" }, timestamp: ago(2 * HOUR) }]);
    await ingest(t.db, ws, [{ type: "page", anonymousId: "anon-m", name: "A", timestamp: ago(HOUR) }]);
    const anon = (await profilesOf(t.db, ws)).find((p) => p.user_id === null)!;
    const known = (await profilesOf(t.db, ws)).find((p) => p.user_id === "m1")!;
    expect(await membersByKey(t.db, ws)).toEqual({ readers: [anon.id] });

    const result = await ingest(t.db, ws, [{ type: "identify", userId: "m1", anonymousId: "anon-m", timestamp: ago(0) }]);
    expect(result.mergedProfileIds).toEqual([anon.id]);
    expect(await membersByKey(t.db, ws)).toEqual({ readers: [known.id] });
    const changes = await changesOf(t.db, ws);
    expect(changes.map((c) => [c.kind, c.profile_id])).toEqual([["enter", anon.id], ["enter", known.id], ["exit", anon.id]]);
  });

  it("deleting a profile deletes its member rows and its membership history", async () => {
    const ws = await newWorkspace(t.db);
    await addSegment(t.db, ws, "pro", PRO);
    await ingest(t.db, ws, [
      { type: "identify", userId: "d1", traits: { plan: "pro" }, timestamp: ago(HOUR) },
      { type: "identify", userId: "d2", traits: { plan: "pro" }, timestamp: ago(HOUR) },
    ]);
    const ids = Object.fromEntries((await profilesOf(t.db, ws)).map((p) => [p.user_id, p.id]));
    await deleteProfile(t.db, ws, ids.d1, actor);
    expect(await membersByKey(t.db, ws)).toEqual({ pro: [ids.d2] });
    expect((await changesOf(t.db, ws)).map((c) => c.profile_id)).toEqual([ids.d2]);
  });

  it("records an evaluation error on the segment (and its dependants), keeps their members, and clears it once fixed", async () => {
    const ws = await newWorkspace(t.db);
    const broken = await addSegment(t.db, ws, "broken", PRO);
    await addSegment(t.db, ws, "on-broken", { type: "segment", op: "in", segment: "broken" });
    await addSegment(t.db, ws, "pro", PRO);
    await ingest(t.db, ws, [{ type: "identify", userId: "e1", traits: { plan: "pro" }, timestamp: ago(HOUR) }]);
    const [e1] = await profilesOf(t.db, ws);
    expect(Object.keys(await membersByKey(t.db, ws))).toEqual(["broken", "on-broken", "pro"]);

    // A stored rule the current code cannot read (e.g. written by a newer version).
    await t.db.execute(sql`update segments set rule = ${JSON.stringify({ type: "group", op: "xor", children: [] })}::jsonb where id = ${broken.id}::uuid`);
    const result = await recomputeMembers(t.db, { workspaceId: ws, profileIds: [e1.id] });
    expect(result.failed.size).toBe(2);
    expect((await segmentState(t.db, ws, "broken")).evaluation_error).toMatch(/stored rule of segment "broken" is damaged/);
    expect((await segmentState(t.db, ws, "on-broken")).evaluation_error).toMatch(/refers to segment "broken"/);
    expect((await segmentState(t.db, ws, "pro")).evaluation_error).toBeNull();
    // Members of failed segments stay as they were rather than silently emptying.
    await ingest(t.db, ws, [{ type: "identify", userId: "e1", traits: { plan: "free" }, timestamp: ago(0) }]);
    expect(Object.keys(await membersByKey(t.db, ws))).toEqual(["broken", "on-broken"]);
    const [reconciled] = await reconcileSegment(t.db, { workspaceId: ws, segmentKey: "broken" });
    expect(reconciled.error).toMatch(/damaged/);

    await t.db.execute(sql`update segments set rule = ${JSON.stringify(PRO)}::jsonb where id = ${broken.id}::uuid`);
    await recomputeMembers(t.db, { workspaceId: ws, profileIds: [e1.id] });
    expect((await segmentState(t.db, ws, "broken")).evaluation_error).toBeNull();
    expect((await segmentState(t.db, ws, "on-broken")).evaluation_error).toBeNull();
    expect(await membersByKey(t.db, ws)).toEqual({});
  });

  it("serializes concurrent recomputes of the same profile: no duplicate enters", async () => {
    const ws = await newWorkspace(t.db);
    await addSegment(t.db, ws, "pro", PRO);
    await ingest(t.db, ws, [{ type: "identify", userId: "k1", traits: { plan: "pro" }, timestamp: ago(HOUR) }]);
    const [k1] = await profilesOf(t.db, ws);
    await t.db.execute(sql`delete from segment_members where workspace_id = ${ws}::uuid`);
    await Promise.all(Array.from({ length: 4 }, () => recomputeMembers(t.db, { workspaceId: ws, profileIds: [k1.id] })));
    const enters = await queryRows(t.db, sql`select 1 from segment_membership_changes where workspace_id = ${ws}::uuid and kind = 'enter'`);
    expect(enters).toHaveLength(2); // the first from ingestion, one more after the rows were wiped
    expect(await membersByKey(t.db, ws)).toEqual({ pro: [k1.id] });
  });
});
