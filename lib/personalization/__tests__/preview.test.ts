import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import "../register";
import { bucketOf } from "../bucket";
import { previewDecisions } from "../preview";
import { previewRequestSchema, type PreviewRequestInput } from "../preview-schemas";
import { flushImpressions } from "../record-impressions";
import { liveExperience, seedWorkspace, variant } from "./helpers";

const NOW = new Date("2025-03-02T12:00:00.000Z");

describe.each(testEngines())("preview on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seedWorkspace(t.db);
    await liveExperience(t.db, ws, {
      key: "hero",
      holdoutPercent: 5,
      frequencyCap: { max: 3, per: "day" },
      rules: [
        { id: "vips", audience: { segments: ["vip"] }, variant: "vip" },
        { id: "pros", audience: { rule: { type: "trait", field: "traits.plan", operator: "equals", value: "pro" } }, variant: "pro" },
        { id: "travellers", audience: { segments: ["travellers"] }, variant: "trips" },
      ],
      variants: { vip: variant("VIP"), pro: variant("Hi {{ traits.first_name }}, pro"), trips: variant("Where next?"), generic: variant("Hello") },
      defaultVariant: "generic",
    });
  });
  afterAll(async () => {
    await flushImpressions();
    await t?.close();
  });

  const preview = (body: PreviewRequestInput) => previewDecisions(t.db, ws, previewRequestSchema.parse(body), NOW);
  // An anonymous id outside the 5% holdout, so the rules decide.
  const anon = Array.from({ length: 50 }, (_, i) => `visitor-${i}`).find((id) => bucketOf(`hero:${id}`) >= 5)!;

  it("decides for a composed visitor whose trait matches a rule, saying why earlier rules did not", async () => {
    const result = await preview({ visitor: { anonymousId: anon, traits: { first_name: "Dee", plan: "pro" } } });
    const [slot] = result.slots;
    expect(slot.decision).toMatchObject({ key: "home-hero", variant: "pro", reason: "TARGETING_MATCH", value: { headline: "Hi Dee, pro" }, metadata: { rule: "pros" } });
    const [hero] = slot.experiences;
    expect(hero.outcome).toBe("matched");
    expect(hero.rules.map((r) => r.matched)).toEqual([false, true, null]);
    expect(hero.rules[0]).toMatchObject({ audience: "Members of VIP", missingSegments: [{ key: "vip", name: "VIP" }] });
    expect(hero.holdout).toEqual({ percent: 5, bucket: bucketOf(`hero:${anon}`), heldOut: false });
    expect(hero.frequencyCap).toEqual({ max: 3, per: "day", seen: 0 });
    expect(result.visitor).toMatchObject({ kind: "visitor", targetingKey: anon, name: "Dee", segments: [] });
  });

  it("shows the failed condition with the visitor's actual value when no rule matches", async () => {
    const result = await preview({ visitor: { anonymousId: anon, traits: { plan: "free" } }, context: { utm_source: "news" } });
    const [hero] = result.slots[0].experiences;
    expect(result.slots[0].decision).toMatchObject({ variant: "generic", reason: "DEFAULT" });
    expect(hero.outcome).toBe("default");
    expect(hero.rules[1]).toMatchObject({ id: "pros", matched: false, failed: [{ condition: 'traits.plan equals "pro"', actual: "free" }] });
    expect(result.context).toEqual({ utm_source: "news" });
  });

  it("computes segment membership from composed events, and honours caps and consent", async () => {
    const searched = { event: "Flight Searched", properties: { destination: "Hanoi" }, timestamp: "2025-03-01T09:00:00Z" };
    const traveller = await preview({ visitor: { anonymousId: anon, events: [searched] } });
    expect(traveller.visitor.segments).toEqual([{ key: "travellers", name: "TRAVELLERS", how: "computed" }]);
    expect(traveller.slots[0].decision).toMatchObject({ variant: "trips", metadata: { segment: "travellers" } });

    const capped = await preview({ visitor: { anonymousId: anon, events: [searched], impressions: { hero: { day: 3, week: 4 } } } });
    expect(capped.slots[0].decision.reason).toBe("DISABLED");
    expect(capped.slots[0].experiences[0]).toMatchObject({ outcome: "capped", frequencyCap: { seen: 3 } });

    const optedOut = await preview({ visitor: { anonymousId: anon, traits: { plan: "pro" }, consent: { personalization: false } } });
    expect(optedOut.slots[0].decision).toMatchObject({ variant: "generic", metadata: { consent: "personalization_opted_out" } });
  });

  it("decides for a real profile exactly like a live request, recording no impression", async () => {
    const result = await preview({ profile: "a-vip" });
    expect(result.visitor).toMatchObject({ kind: "profile", userId: "u-vip", targetingKey: "u-vip", segments: expect.arrayContaining([{ key: "vip", name: "VIP", how: "stored" }]) });
    expect(result.slots[0].decision).toMatchObject({ variant: "vip", reason: "TARGETING_MATCH", metadata: { segment: "vip" } });
    await flushImpressions();
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from impressions where workspace_id = ${ws}::uuid`);
    expect(Number(row.n)).toBe(0);
  });

  it("sees a segment through a typical member and says who it is", async () => {
    const result = await preview({ segment: "vip" });
    expect(result.visitor).toMatchObject({ kind: "segment", userId: "u-vip", segment: { key: "vip", members: 1, index: 0 } });
    expect(result.slots[0].decision.variant).toBe("vip");
    await expect(preview({ segment: "vip", member: 1 })).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining("fewer than 2 members") });
  });

  it("refuses unclear requests with the path of each problem", async () => {
    expect(previewRequestSchema.safeParse({ profile: "u-vip", segment: "vip" }).error?.issues[0].message).toBe("Give exactly one of profile, visitor or segment");
    const future = preview({ visitor: { events: [{ event: "Page Viewed", timestamp: "2025-04-01T00:00:00Z" }], segments: ["nope"] } });
    await expect(future).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: ["visitor", "events", "0", "timestamp"] }, { path: ["visitor", "segments", "0"], message: 'No segment "nope" in this workspace' }],
    });
    await expect(preview({ profile: "no-such-person" })).rejects.toMatchObject({ code: "not_found" });
    await expect(preview({ profile: "u-vip", slots: ["nope"] })).rejects.toMatchObject({ code: "not_found" });
  });
});
