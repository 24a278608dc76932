import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { registerProfilesTouchedHook } from "../hooks";
import { eventsOf, ingest, newWorkspace, profilesOf, rollupsVsEvents, tableCounts } from "./helpers";

const T0 = "2024-05-01T10:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe.each(testEngines())("ingestBatch on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("creates an anonymous profile for an unknown anonymousId and stores each call type as documented", async () => {
    const ws = await newWorkspace(t.db);
    const result = await ingest(t.db, ws, [
      { type: "page", anonymousId: "a1", name: "Home", category: "Sports", properties: { url: "https://x.test/" }, timestamp: at(0) },
      { type: "screen", anonymousId: "a1", name: "Cart", timestamp: at(1) },
      { type: "track", anonymousId: "a1", event: "Product Added", properties: { revenue: 12.5, category: "Shoes" }, timestamp: at(2) },
      { type: "identify", anonymousId: "a1", traits: { plan: "pro" }, timestamp: at(3) },
      { type: "group", anonymousId: "a1", groupId: "g1", traits: { industry: "media" }, timestamp: at(4) },
    ]);
    expect(result).toMatchObject({ accepted: 5, duplicates: 0 });
    const [profile, ...others] = await profilesOf(t.db, ws);
    expect(others).toHaveLength(0);
    expect(profile).toMatchObject({ user_id: null, anonymous_ids: ["a1"], traits: { plan: "pro" } });
    expect(result.profileIds).toEqual([profile.id]);
    const events = await eventsOf(t.db, ws);
    expect(events.map((e) => [e.type, e.event])).toEqual([
      ["page", "Page Viewed"],
      ["screen", "Screen Viewed"],
      ["track", "Product Added"],
      ["identify", "Identify"],
      ["group", "Group"],
    ]);
    expect(events[0].properties).toEqual({ url: "https://x.test/", name: "Home", category: "Sports" });
    expect(events[3].properties).toEqual({ plan: "pro" });
    expect(events[4].properties).toEqual({ industry: "media", groupId: "g1" });
    expect(new Date(profile.first_seen_at).toISOString()).toBe(at(0));
    expect(new Date(profile.last_seen_at).toISOString()).toBe(at(4));
  });

  it("corrects client clock skew as Segment does: receivedAt - (sentAt - timestamp)", async () => {
    const ws = await newWorkspace(t.db);
    const receivedAt = new Date("2024-05-01T12:00:00.000Z");
    await ingest(
      t.db,
      ws,
      [
        // client clock 1 hour fast: sent "13:00", happened 5 minutes before sending
        { type: "track", anonymousId: "s", event: "Batch sentAt", timestamp: "2024-05-01T12:55:00.000Z", messageId: "m1" },
        { type: "track", anonymousId: "s", event: "Own sentAt", timestamp: "2024-05-01T12:50:00+01:00", sentAt: "2024-05-01T12:00:00+01:00", messageId: "m2" },
        { type: "track", anonymousId: "s", event: "No timestamp", messageId: "m3" },
      ],
      { receivedAt, sentAt: "2024-05-01T13:00:00.000Z" },
    );
    const byId = Object.fromEntries((await eventsOf(t.db, ws)).map((e) => [e.message_id, new Date(e.ts).toISOString()]));
    expect(byId).toEqual({ m1: "2024-05-01T11:55:00.000Z", m2: "2024-05-01T12:50:00.000Z", m3: "2024-05-01T12:00:00.000Z" });

    const ws2 = await newWorkspace(t.db);
    await ingest(t.db, ws2, [{ type: "track", anonymousId: "s", event: "No sentAt", timestamp: "2020-01-01T00:00:00Z" }], { receivedAt });
    expect(new Date((await eventsOf(t.db, ws2))[0].ts).toISOString()).toBe("2020-01-01T00:00:00.000Z");
  });

  it("ignores duplicate messageIds, in the same batch and on a retry, without double counting", async () => {
    const ws = await newWorkspace(t.db);
    const batch = [
      { type: "track", anonymousId: "d", event: "Flight Booked", messageId: "x1", properties: { destination: "Rome", revenue: 100 }, timestamp: at(0) },
      { type: "track", anonymousId: "d", event: "Flight Booked", messageId: "x1", properties: { destination: "Rome", revenue: 100 }, timestamp: at(0) },
      { type: "identify", anonymousId: "d", messageId: "x2", traits: { n: 1 }, timestamp: at(1) },
    ];
    expect(await ingest(t.db, ws, batch)).toMatchObject({ accepted: 2, duplicates: 1 });
    const before = await tableCounts(t.db);
    const rollups = (await rollupsVsEvents(t.db, ws)).stored;
    expect(await ingest(t.db, ws, batch)).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await tableCounts(t.db)).toEqual(before);
    expect((await rollupsVsEvents(t.db, ws)).stored).toEqual(rollups);
    expect(rollups).toContainEqual(expect.objectContaining({ event: "Flight Booked", dim_key: "", count: 1, revenue: 100 }));
    expect(rollups).toContainEqual(expect.objectContaining({ event: "Flight Booked", dim_key: "destination", dim_value: "rome", count: 1 }));
  });

  it("merges an anonymous profile into the known one: events re-pointed, traits merged, rollups summed", async () => {
    const ws = await newWorkspace(t.db);
    await ingest(t.db, ws, [{ type: "identify", userId: "u1", traits: { email: "ann@x.test", plan: "free" }, timestamp: at(0) }]);
    await ingest(t.db, ws, [{ type: "page", userId: "u1", category: "Sports", timestamp: at(1) }]);
    await ingest(t.db, ws, [
      { type: "page", anonymousId: "anon-1", category: "sports", timestamp: at(2) },
      { type: "page", anonymousId: "anon-1", category: "News", timestamp: at(3) },
      { type: "identify", anonymousId: "anon-1", traits: { plan: "trial", color: "red" }, timestamp: at(4) },
    ]);
    const [known] = (await profilesOf(t.db, ws)).filter((p) => p.user_id === "u1");
    const result = await ingest(t.db, ws, [{ type: "identify", userId: "u1", anonymousId: "anon-1", traits: { name: "Ann" }, timestamp: at(5) }]);

    const profiles = await profilesOf(t.db, ws);
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ id: known.id, user_id: "u1", anonymous_ids: ["anon-1"] });
    // the anonymous profile was seen later, so its "plan" wins; every other key survives
    expect(profiles[0].traits).toEqual({ email: "ann@x.test", plan: "trial", color: "red", name: "Ann" });
    expect(result.profileIds).toEqual([known.id]);
    expect(result.mergedProfileIds).toHaveLength(1);
    expect(new Set((await eventsOf(t.db, ws)).map((e) => e.profile_id))).toEqual(new Set([known.id]));
    const { stored, computed } = await rollupsVsEvents(t.db, ws);
    expect(stored).toEqual(computed);
    expect(stored).toContainEqual(expect.objectContaining({ event: "Page Viewed", dim_key: "category", dim_value: "sports", count: 2 }));
    const identities = await queryRows<{ profile_id: string }>(t.db, sql`select profile_id from identities where workspace_id = ${ws}::uuid`);
    expect(identities.map((i) => i.profile_id)).toEqual([known.id, known.id]);
    const [audit] = await queryRows<{ actor: string; action: string; entity_id: string; before: unknown; after: unknown }>(
      t.db,
      sql`select actor, action, entity_id, before, after from audit_entries where workspace_id = ${ws}::uuid and action = 'profile.merged'`,
    );
    expect(audit).toMatchObject({ actor: "system", entity_id: known.id, before: { profileId: result.mergedProfileIds[0] }, after: { movedEvents: 3, movedIdentities: 1 } });
    expect(JSON.stringify(audit)).not.toMatch(/anon-1|u1|ann@/);
  });

  it("gives an anonymous profile its userId when the user is new, and keeps shared devices apart", async () => {
    const ws = await newWorkspace(t.db);
    await ingest(t.db, ws, [{ type: "track", anonymousId: "dev", event: "Opened", timestamp: at(0) }]);
    const [anon] = await profilesOf(t.db, ws);
    await ingest(t.db, ws, [{ type: "identify", userId: "alice", anonymousId: "dev", timestamp: at(1) }]);
    expect(await profilesOf(t.db, ws)).toMatchObject([{ id: anon.id, user_id: "alice", anonymous_ids: ["dev"] }]);
    // bob signs in on alice's device: his events are his own, alice keeps hers
    await ingest(t.db, ws, [{ type: "track", userId: "bob", anonymousId: "dev", event: "Opened", timestamp: at(2) }]);
    const profiles = await profilesOf(t.db, ws);
    expect(profiles.map((p) => [p.user_id, p.anonymous_ids])).toEqual([["alice", ["dev"]], ["bob", []]]);
    const events = await eventsOf(t.db, ws);
    expect(events.map((e) => e.profile_id)).toEqual([anon.id, anon.id, profiles[1].id]);
  });

  it("merges on alias, and merges inside one batch without creating a throwaway profile", async () => {
    const ws = await newWorkspace(t.db);
    await ingest(t.db, ws, [
      { type: "track", userId: "old-id", event: "A", timestamp: at(0) },
      { type: "track", userId: "new-id", event: "B", timestamp: at(1) },
    ]);
    const newProfile = (await profilesOf(t.db, ws)).find((p) => p.user_id === "new-id")!;
    await ingest(t.db, ws, [{ type: "alias", previousId: "old-id", userId: "new-id", timestamp: at(2) }]);
    const profiles = await profilesOf(t.db, ws);
    expect(profiles).toMatchObject([{ id: newProfile.id, user_id: "new-id" }]);
    expect((await eventsOf(t.db, ws)).map((e) => [e.event, e.profile_id === newProfile.id])).toEqual([["A", true], ["B", true], ["Alias", true]]);
    // the old id keeps resolving to the survivor
    await ingest(t.db, ws, [{ type: "track", userId: "old-id", event: "C", timestamp: at(3) }]);
    expect(await profilesOf(t.db, ws)).toHaveLength(1);

    // alias of an unknown anonymous id to a new user, and a track + identify in one batch
    await ingest(t.db, ws, [
      { type: "track", anonymousId: "fresh", event: "Viewed", timestamp: at(4) },
      { type: "identify", userId: "new-id", anonymousId: "fresh", timestamp: at(5) },
      { type: "alias", previousId: "other-anon", userId: "new-id", timestamp: at(6) },
    ]);
    expect(await profilesOf(t.db, ws)).toMatchObject([{ id: newProfile.id, anonymous_ids: ["fresh", "other-anon"] }]);
  });

  it("is idempotent: re-sending the same identify changes nothing", async () => {
    const ws = await newWorkspace(t.db);
    const identify = { type: "identify", userId: "idem", anonymousId: "idem-a", traits: { plan: "pro" }, timestamp: at(0) };
    await ingest(t.db, ws, [identify]);
    const profiles = await profilesOf(t.db, ws);
    const counts = await tableCounts(t.db);
    await ingest(t.db, ws, [identify]); // new generated messageId: a second Identify event, nothing else
    expect(await profilesOf(t.db, ws)).toMatchObject(profiles.map(({ id, user_id, anonymous_ids, traits }) => ({ id, user_id, anonymous_ids, traits })));
    const after = await tableCounts(t.db);
    expect({ ...after, events: after.events - 1, event_rollups: counts.event_rollups }).toEqual(counts);
  });

  it("merges traits newest-first: null removes a key, a late old message only fills gaps", async () => {
    const ws = await newWorkspace(t.db);
    await ingest(t.db, ws, [
      { type: "identify", userId: "tr", traits: { a: 1, b: 1, c: 1 }, timestamp: at(10) },
      { type: "identify", userId: "tr", traits: { b: 2, c: null }, context: { traits: { d: 4, b: 9 } }, timestamp: at(11) },
    ]);
    expect((await profilesOf(t.db, ws))[0].traits).toEqual({ a: 1, b: 2, d: 4 });
    await ingest(t.db, ws, [{ type: "identify", userId: "tr", traits: { a: 0, e: 5, b: null }, timestamp: at(1) }]);
    expect((await profilesOf(t.db, ws))[0].traits).toEqual({ a: 1, b: 2, d: 4, e: 5 });
    await ingest(t.db, ws, [{ type: "track", userId: "tr", event: "X", context: { traits: { a: "new" } }, timestamp: at(12) }]);
    expect((await profilesOf(t.db, ws))[0].traits).toEqual({ a: "new", b: 2, d: 4, e: 5 });
  });

  it("keeps the last known context and consent", async () => {
    const ws = await newWorkspace(t.db);
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    await ingest(
      t.db,
      ws,
      [
        {
          type: "page",
          anonymousId: "ctx",
          properties: { url: "https://shop.test/a?x=1", path: "/a", referrer: "https://google.test/" },
          context: { userAgent: iphone, campaign: { source: "newsletter", medium: "email", name: "spring", term: "shoes", content: "hero" }, locale: "de-DE" },
          timestamp: at(0),
        },
        { type: "track", anonymousId: "ctx", event: "Y", context: { location: { city: "Berlin" }, consent: { categoryPreferences: { Personalization: false, Advertising: true } } }, timestamp: at(1) },
      ],
      { fallbackCountry: "DE" },
    );
    const [p] = await profilesOf(t.db, ws);
    expect(p.context).toEqual({
      device_type: "mobile", browser: "Mobile Safari", os: "iOS", country: "DE", city: "Berlin", locale: "de-DE",
      utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring", utm_term: "shoes", utm_content: "hero",
      referrer: "https://google.test/", page_url: "https://shop.test/a?x=1", page_path: "/a",
    });
    expect(p.consent).toEqual({ personalization: false });
    await ingest(t.db, ws, [{ type: "identify", anonymousId: "ctx", traits: { consent: { analytics: false, personalization: true } }, context: { os: { name: "Android" }, device: { type: "tablet" } }, timestamp: at(2) }]);
    const [q] = await profilesOf(t.db, ws);
    expect(q.consent).toEqual({ personalization: true, analytics: false });
    expect(q.traits).toEqual({});
    expect(q.context).toMatchObject({ os: "Android", device_type: "tablet", browser: "Mobile Safari", utm_source: "newsletter" });
  });

  it("calls profiles-touched hooks after commit, and a failing hook does not fail ingestion", async () => {
    const ws = await newWorkspace(t.db);
    const seen: { ids: string[]; events: number }[] = [];
    const offSpy = registerProfilesTouchedHook(async (db, workspaceId, ids) => {
      // runs outside the transaction: the events are visible through the main handle
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from events where workspace_id = ${workspaceId}::uuid`);
      seen.push({ ids, events: Number(row.n) });
    });
    const offBroken = registerProfilesTouchedHook(() => {
      throw new Error("segment service down");
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const result = await ingest(t.db, ws, [{ type: "track", anonymousId: "h", event: "E" }]);
      expect(seen).toEqual([{ ids: result.profileIds, events: 1 }]);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("profiles-touched hook failed"), expect.any(Error));
    } finally {
      logged.mockRestore();
      offSpy();
      offBroken();
    }
  });

  it("keeps rollups equal to a GROUP BY over events", async () => {
    const ws = await newWorkspace(t.db);
    await ingest(t.db, ws, [
      { type: "track", anonymousId: "r", event: "Product Viewed", properties: { category: "Shoes", product_type: "Boot", revenue: 3 }, timestamp: "2024-05-01T23:59:59.999Z" },
      { type: "track", anonymousId: "r", event: "Product Viewed", properties: { category: "shoes", product_type: 7, revenue: "4" }, timestamp: "2024-05-02T00:00:00.000Z" },
      { type: "track", anonymousId: "r", event: "constructor", properties: { revenue: 1.5 } },
    ]);
    const { stored, computed } = await rollupsVsEvents(t.db, ws);
    expect(stored).toEqual(computed);
    expect(stored.length).toBe(6);
  });
});
