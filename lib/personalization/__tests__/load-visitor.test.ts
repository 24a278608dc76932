import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "@/lib/ingest/__tests__/helpers";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import "../register";
import { loadVisitor } from "../load-visitor";
import { flushImpressions, recordImpression } from "../record-impressions";
import { liveExperience, profileOf, seedWorkspace, variant } from "./helpers";

const NOW = new Date("2025-03-02T12:00:00.000Z");
const HOUR = 3_600_000;

// seedWorkspace: u-vip (anonymous id a-vip, member of "vip") searched Rome at 10:01 and Hanoi at 10:02 on 2025-03-01.
describe.each(testEngines())("loadVisitor (one statement) on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  let experienceId: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seedWorkspace(t.db);
    await ingest(t.db, ws, [
      { type: "track", userId: "u-vip", event: "Page Viewed", properties: { title: "Old story" }, timestamp: "2025-02-01T09:00:00.000Z" },
      { type: "track", userId: "u-vip", event: "Page Viewed", properties: { title: "Future story" }, timestamp: "2025-03-05T09:00:00.000Z" },
      // The user id of u-pro is also someone else's anonymous id: the user id wins.
      { type: "track", anonymousId: "u-pro", event: "Page Viewed", properties: { title: "Not Bo" }, timestamp: "2025-03-01T09:00:00.000Z" },
    ]);
    await liveExperience(t.db, ws, {
      key: "capped", frequencyCap: { max: 5, per: "day" }, rules: [], variants: { a: variant("A") }, defaultVariant: "a",
    });
    const { getExperienceByKey } = await import("../experiences");
    experienceId = (await getExperienceByKey(t.db, ws, "capped")).id;
  });
  afterAll(async () => {
    await flushImpressions();
    await t?.close();
  });

  const load = (targetingKey: string, needs: [string, number | null][] = [], latest: string[] = [], capped: string[] = []) =>
    loadVisitor(t.db, { workspaceId: ws, targetingKey, now: NOW, eventNeeds: new Map(needs), latestEvents: latest, cappedExperienceIds: capped });
  const titles = (v: Awaited<ReturnType<typeof load>>) => v.events.map((e) => (e.properties.title ?? e.properties.destination) as string).sort();

  it("resolves a user id or an anonymous id to the same profile, with traits, times and stored segments", async () => {
    const byUser = await load("u-vip");
    const byAnonymous = await load("a-vip");
    expect(byUser.profileId).toBe(await profileOf(t.db, ws, "u-vip"));
    expect(byAnonymous).toMatchObject({ profileId: byUser.profileId, userId: "u-vip", traits: { first_name: "<Ann>", plan: "pro" } });
    expect([...byUser.segments]).toEqual(["vip"]);
    expect(byUser.firstSeenAt.toISOString()).toBe("2025-02-01T09:00:00.000Z");
    expect(byUser.events).toEqual([]); // nothing asked for, nothing read
  });

  it("prefers the profile whose user id matches over one with that anonymous id", async () => {
    expect((await load("u-pro")).userId).toBe("u-pro");
  });

  it("reads event windows up to now, and only the latest event for template-only names", async () => {
    const windowed = await load("u-vip", [["Page Viewed", NOW.getTime() - 40 * 24 * HOUR], ["Flight Searched", null]]);
    expect(titles(windowed)).toEqual(["Hanoi", "Old story", "Rome"]); // the future page view does not exist yet
    const latest = await load("u-vip", [], ["Flight Searched", "Page Viewed"]);
    expect(titles(latest)).toEqual(["Hanoi", "Old story"]);
    expect(latest.events.find((e) => e.event === "Flight Searched")?.timestamp.toISOString()).toBe("2025-03-01T10:02:00.000Z");
  });

  it("finds the latest event before an empty window, without repeating ones inside it", async () => {
    const empty = await load("u-vip", [["Page Viewed", NOW.getTime() - 24 * HOUR]], ["Page Viewed"]);
    expect(titles(empty)).toEqual(["Old story"]);
    const full = await load("u-vip", [["Flight Searched", NOW.getTime() - 48 * HOUR]], ["Flight Searched"]);
    expect(titles(full)).toEqual(["Hanoi", "Rome"]);
  });

  it("gives an unknown targeting key an empty history, and still counts its impressions", async () => {
    recordImpression(t.db, { workspaceId: ws, experienceId, variant: "a", profileId: null, targetingKey: "stranger", holdout: false, at: new Date(NOW.getTime() - 2 * HOUR) });
    await flushImpressions();
    recordImpression(t.db, { workspaceId: ws, experienceId, variant: "a", profileId: null, targetingKey: "stranger", holdout: false, at: new Date(NOW.getTime() - 3 * 24 * HOUR) });
    const v = await load("stranger", [["Page Viewed", null]], ["Flight Searched"], [experienceId]);
    expect(v).toMatchObject({ profileId: null, userId: null, traits: {}, consent: {}, events: [] });
    expect(v.segments.size).toBe(0);
    // One written in the last day, one still queued from three days ago.
    expect(v.impressions.get(experienceId)).toEqual({ day: 1, week: 2 });
    await flushImpressions();
    expect((await load("stranger", [], [], [experienceId])).impressions.get(experienceId)).toEqual({ day: 1, week: 2 });
  });
});
