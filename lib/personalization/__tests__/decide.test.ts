import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { AppError } from "@/lib/api/errors";
import { ingest } from "@/lib/ingest/__tests__/helpers";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import "../register";
import { bucketOf } from "../bucket";
import { decide, type Decision } from "../decide";
import { createExperience, publishExperience, updateExperience } from "../experiences";
import { flushImpressions } from "../record-impressions";
import { settleVisitorCache } from "../visitor-cache";
import { actor, liveExperience, profileOf, seedWorkspace, variant } from "./helpers";

const NOW = new Date("2025-03-02T12:00:00.000Z");

describe.each(testEngines())("decide on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seedWorkspace(t.db);
    const published = await liveExperience(t.db, ws, {
      key: "hero",
      priority: 10,
      rules: [
        { id: "vips", audience: { segments: ["vip"] }, variant: "vip" },
        { id: "pros", audience: { rule: { type: "trait", field: "traits.plan", operator: "equals", value: "pro" } }, variant: "pro" },
        { id: "summer", audience: { rule: { type: "trait", field: "context.utm_campaign", operator: "equals", value: "summer" } }, variant: "summer" },
      ],
      variants: {
        vip: variant('Welcome back {{ traits.first_name | default: "there" }}, still dreaming of {{ events.last["Flight Searched"].destination }}?', {
          body: '<p onclick="steal()">Hello <strong>VIP</strong></p><script>alert(1)</script><a href="javascript:alert(1)">x</a>',
          cta: "https://example.test/vip",
        }),
        pro: variant("Hi {{ traits.first_name }}, pro"),
        summer: variant("Summer sale"),
        generic: variant('Hello {{ traits.first_name | default: "there" }}'),
      },
      defaultVariant: "generic",
    });
    expect(published.warnings).toEqual([]);
  });
  afterAll(async () => {
    await flushImpressions();
    await t?.close();
  });

  const run = (targetingKey: string, context: Record<string, unknown> = {}, now = NOW, options = {}) =>
    decide(t.db, { workspaceId: ws, slotKey: "home-hero", context: { targetingKey, ...context }, now }, { record: false, ...options }) as Promise<Decision>;

  it.each([
    ["stored segment member (first match wins over the plan rule)", "u-vip", {}, "vip", "TARGETING_MATCH", { experience: "hero", rule: "vips", segment: "vip" }],
    ["anonymous id of the same profile", "a-vip", {}, "vip", "TARGETING_MATCH", { rule: "vips" }],
    ["inline trait rule", "u-pro", {}, "pro", "TARGETING_MATCH", { experience: "hero", rule: "pros" }],
    ["request-time context override", "u-free", { utm_campaign: "summer" }, "summer", "TARGETING_MATCH", { rule: "summer" }],
    ["no rule matches", "u-free", {}, "generic", "DEFAULT", { experience: "hero" }],
    ["unknown visitor", "never-seen", {}, "generic", "DEFAULT", { experience: "hero" }],
  ])("%s", async (_name, key, context, wantedVariant, reason, metadata) => {
    const d = await run(key, context);
    expect(d).toMatchObject({ key: "home-hero", variant: wantedVariant, reason, metadata });
  });

  it("renders merge tags escaped and sanitizes rich text", async () => {
    const vip = await run("u-vip");
    expect(vip.value).toEqual({
      headline: "Welcome back &lt;Ann&gt;, still dreaming of Hanoi?",
      body: "<p>Hello <strong>VIP</strong></p><a>x</a>",
      cta: "https://example.test/vip",
    });
    expect((await run("never-seen")).value).toEqual({ headline: "Hello there" });
  });

  it("traces why earlier rules did not match", async () => {
    const d = await run("u-free", {}, NOW, { trace: true });
    const rules = d.trace?.[0].rules ?? [];
    expect(rules[0]).toMatchObject({ id: "vips", matched: false, missingSegments: ["vip"] });
    expect(rules[1]).toMatchObject({ id: "pros", matched: false, failed: [{ condition: 'traits.plan equals "pro"', actual: "free" }] });
    expect(rules[2]).toMatchObject({ id: "summer", matched: false, failed: [{ actual: null }] });
  });

  it("is DISABLED outside the schedule and when paused; other slots' keys are FLAG_NOT_FOUND (null)", async () => {
    await createExperience(t.db, { workspaceId: ws, actor }, { key: "later", slot: "home-hero", name: "Later", priority: 1, scheduleStart: "2025-04-01T00:00:00Z", variants: { a: variant("Spring") }, defaultVariant: "a" });
    await publishExperience(t.db, { workspaceId: ws, actor }, "later");
    expect((await run("u-free")).metadata).toMatchObject({ experience: "hero" });
    expect(await run("u-free", {}, new Date("2025-04-02T00:00:00Z"))).toMatchObject({ variant: "a", reason: "DEFAULT", metadata: { experience: "later" } });
    await updateExperience(t.db, { workspaceId: ws, actor }, "later", { status: "paused" });
    expect(await run("u-free", {}, new Date("2025-04-02T00:00:00Z"))).toMatchObject({ variant: "generic" });
    expect(await decide(t.db, { workspaceId: ws, slotKey: "nope", context: { targetingKey: "x" }, now: NOW })).toBeNull();
  });

  it("holdout is deterministic, sticky and close to its share", async () => {
    let held = 0;
    for (let i = 0; i < 10_000; i++) if (bucketOf(`hero:visitor-${i}`) < 20) held++;
    expect(held).toBeGreaterThan(1_800);
    expect(held).toBeLessThan(2_200);
    await updateExperience(t.db, { workspaceId: ws, actor }, "hero", { holdoutPercent: 50 });
    await publishExperience(t.db, { workspaceId: ws, actor }, "hero");
    const keys = ["u-vip", "u-pro", "u-free", "k1", "k2", "k3", "k4", "k5", "k6", "k7"];
    const first = await Promise.all(keys.map((k) => run(k)));
    const again = await Promise.all(keys.map((k) => run(k)));
    expect(again.map((d) => d.reason)).toEqual(first.map((d) => d.reason));
    const holdouts = first.filter((d) => d.reason === "SPLIT");
    expect(holdouts.length).toBeGreaterThan(0);
    for (const d of holdouts) expect(d).toMatchObject({ variant: "generic", metadata: { experience: "hero", holdout: true } });
    await updateExperience(t.db, { workspaceId: ws, actor }, "hero", { holdoutPercent: 0 });
    await publishExperience(t.db, { workspaceId: ws, actor }, "hero");
  });

  it("consent opt-out gets the default and says why", async () => {
    const id = await profileOf(t.db, ws, "u-pro");
    // Written behind ingestion's back: decisions hear of it by notification (visitor-cache.ts).
    await t.db.execute(sql`update profiles set consent = '{"personalization": false}'::jsonb where id = ${id}::uuid`);
    await settleVisitorCache(t.db);
    expect(await run("u-pro")).toMatchObject({ variant: "generic", reason: "DEFAULT", metadata: { consent: "personalization_opted_out" } });
    await t.db.execute(sql`update profiles set consent = '{}'::jsonb where id = ${id}::uuid`);
    await settleVisitorCache(t.db);
    expect(await run("u-pro")).toMatchObject({ variant: "pro" });
  });

  it("rejects content that does not fit the slot and hostile merge tags, with paths", async () => {
    const attempt = async (patch: Record<string, unknown>) => {
      try {
        await createExperience(t.db, { workspaceId: ws, actor }, { key: `bad-${Math.random().toString(36).slice(2, 8)}`, slot: "home-hero", name: "Bad", variants: { a: variant("Hi") }, defaultVariant: "a", ...patch });
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).details as { path: string[]; message: string }[];
      }
      throw new Error("accepted");
    };
    expect(await attempt({ variants: { a: { name: "A", content: { body: "no headline" } } } })).toContainEqual({ path: ["variants", "a", "content", "headline"], message: '"Headline" is required' });
    expect((await attempt({ variants: { a: variant("x", { cta: "javascript:alert(1)" }) } }))[0].path).toEqual(["variants", "a", "content", "cta"]);
    expect((await attempt({ variants: { a: variant("x", { products: "p1" }) } }))[0].path).toEqual(["variants", "a", "content", "products"]);
    expect((await attempt({ variants: { a: variant("{{ 'x' | append: 'y' }}") } }))[0].message).toMatch(/append/);
    expect((await attempt({ variants: { a: variant("{% include 'secrets' %}") } }))[0].message).toMatch(/include/);
    expect((await attempt({ variants: { a: variant("{% assign x = 'y' %}") } }))[0].message).toMatch(/assign/);
    expect((await attempt({ rules: [{ audience: { segments: ["ghost"] }, variant: "a" }] }))[0]).toMatchObject({ path: ["rules", "0", "audience", "segments", "0"] });
    expect((await attempt({ rules: [{ audience: { rule: { type: "trait", field: "traits.nope", operator: "exists" } }, variant: "a" }] }))[0].path).toEqual(["rules", "0", "audience", "rule", "field"]);
    expect((await attempt({ rules: [{ audience: { everyone: true }, variant: "zzz" }] }))[0].path).toEqual(["rules", "0", "variant"]);
  });

  it("refuses to delete a segment an experience uses, naming it", async () => {
    await expect(deleteSegment(t.db, { workspaceId: ws, actor }, "vip")).rejects.toThrow(/experience "hero" \(hero\)/);
  });

  it("warns on publish about live experiences that can reach the same visitors", async () => {
    await createExperience(t.db, { workspaceId: ws, actor }, { key: "vip-promo", slot: "home-hero", name: "VIP promo", priority: 50, rules: [{ audience: { segments: ["vip"] }, variant: "a" }], variants: { a: variant("Promo") }, defaultVariant: "a" });
    const { warnings } = await publishExperience(t.db, { workspaceId: ws, actor }, "vip-promo");
    expect(warnings).toEqual([expect.objectContaining({ experience: "hero", reason: expect.stringContaining('segment "vip"') })]);
    await updateExperience(t.db, { workspaceId: ws, actor }, "vip-promo", { status: "draft" });
  });
});

describe.each(testEngines())("suppression, frequency cap, impressions and conversions on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seedWorkspace(t.db);
    await liveExperience(t.db, ws, {
      key: "flights", priority: 1, goalEvent: "Flight Booked",
      suppression: { event: "Flight Booked", filters: [{ property: "destination", operator: "equals", value: "Vietnam" }] },
      rules: [{ audience: { everyone: true }, variant: "deal" }],
      variants: { deal: variant("Flights to Vietnam from 499"), none: variant("Explore") }, defaultVariant: "none",
    });
    await liveExperience(t.db, ws, {
      key: "capped", priority: 2, frequencyCap: { max: 2, per: "day" },
      rules: [{ audience: { everyone: true }, variant: "hotel" }],
      variants: { hotel: variant("Hotels in Hanoi") }, defaultVariant: "hotel",
    });
  });
  afterAll(async () => {
    await flushImpressions();
    await t?.close();
  });
  const run = (key: string, now: Date, record = true) => decide(t.db, { workspaceId: ws, slotKey: "home-hero", context: { targetingKey: key }, now }, { record }) as Promise<Decision>;

  it("stops showing flight ads after a Flight Booked to Vietnam, not after one to Rome", async () => {
    const at = (m: number) => new Date(Date.parse("2025-03-03T10:00:00Z") + m * 60_000);
    await ingest(t.db, ws, [{ type: "track", userId: "u-pro", event: "Flight Booked", properties: { destination: "Rome" }, timestamp: at(0).toISOString() }]);
    expect(await run("u-pro", at(1), false)).toMatchObject({ variant: "deal", metadata: { experience: "flights" } });
    await ingest(t.db, ws, [{ type: "track", userId: "u-pro", event: "Flight Booked", properties: { destination: "Vietnam" }, timestamp: at(2).toISOString() }]);
    expect(await run("u-pro", at(1), false)).toMatchObject({ variant: "deal" }); // as of before the booking
    expect(await run("u-pro", at(3), false)).toMatchObject({ variant: "hotel", metadata: { experience: "capped" } });
  });

  it("caps impressions per targeting key per day, then falls through", async () => {
    const now = new Date("2025-03-05T08:00:00Z");
    await ingest(t.db, ws, [{ type: "track", userId: "u-free", event: "Flight Booked", properties: { destination: "Vietnam" }, timestamp: "2025-03-04T00:00:00Z" }]);
    expect((await run("u-free", now)).variant).toBe("hotel");
    expect((await run("u-free", now)).variant).toBe("hotel"); // the second is still queued, and counted
    await flushImpressions();
    expect(await run("u-free", now)).toMatchObject({ reason: "DISABLED", value: {} });
    expect((await run("u-free", new Date("2025-03-06T09:00:00Z"), false)).variant).toBe("hotel");
  });

  it("credits a later goal event to the variant last shown", async () => {
    const shown = new Date("2025-03-07T10:00:00Z");
    expect((await run("a-vip", shown)).variant).toBe("deal");
    await flushImpressions();
    await ingest(t.db, ws, [{ type: "track", userId: "u-vip", messageId: "conv-1", event: "Flight Booked", properties: { destination: "Paris" }, timestamp: "2025-03-07T10:05:00Z" }]);
    await ingest(t.db, ws, [{ type: "track", userId: "u-vip", messageId: "conv-1", event: "Flight Booked", properties: { destination: "Paris" }, timestamp: "2025-03-07T10:05:00Z" }]);
    const rows = await queryRows<{ variant: string; targeting_key: string; event: string }>(t.db, sql`select variant, targeting_key, event from conversions where workspace_id = ${ws}::uuid`);
    expect(rows).toEqual([{ variant: "deal", targeting_key: "a-vip", event: "Flight Booked" }]);
    const [imp] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from impressions where workspace_id = ${ws}::uuid and targeting_key = 'a-vip'`);
    expect(Number(imp.n)).toBe(1);
  });
});
