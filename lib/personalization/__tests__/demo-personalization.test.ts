import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { getExperienceResults } from "@/lib/insights/experience-results";
import { createDemoSegments } from "@/lib/segments/demo-segments";
import { rebuildRollups } from "@/lib/segments/rollups";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import "../register";
import { decide, type Decision } from "../decide";
import { decideManyWithBudget, decideWithBudget } from "../decide-with-budget";
import { createDemoPersonalization, type DemoPersonalizationResult } from "../demo-personalization";
import { flushImpressions } from "../record-impressions";
import { actor } from "./helpers";

// Segment membership is computed as of the real clock, so the demo data ends now too.
const NOW = new Date();

describe.each(testEngines())("demo personalization on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  let result: DemoPersonalizationResult;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = (await createWorkspace(t.db, { name: "Acme", slug: "demo", isDemo: true })).id;
    await seedDemoData(t, { workspaceId: ws, profiles: 150, now: NOW });
    await rebuildRollups(t.db, ws);
    await createDemoSegments(t.db, ws, actor);
    result = await createDemoPersonalization(t.db, ws, actor, { now: NOW });
  }, 120_000);
  afterAll(async () => {
    await flushImpressions();
    await t?.close();
  });

  const run = (slotKey: string, targetingKey: string) =>
    decide(t.db, { workspaceId: ws, slotKey, context: { targetingKey }, now: NOW }, { record: false, trace: true }) as Promise<Decision>;

  it("publishes every demo experience live", async () => {
    expect(result).toMatchObject({ slots: 6, experiences: 6 });
    const rows = await queryRows<{ key: string; status: string }>(t.db, sql`select key, status from experiences where workspace_id = ${ws}::uuid order by key`);
    expect(rows).toEqual(["digest-header", "greeting", "home-hero", "investment-suggestion", "recommended-products", "vietnam-flight-offer"].map((key) => ({ key, status: "live" })));
  });

  it.each([
    ["home-hero", "user_000001", { variant: "sports", reason: "TARGETING_MATCH", metadata: { segment: "sports-readers" } }, { headline: "Game on, Sam" }],
    ["home-hero", "user_000002", { variant: "finance", reason: "TARGETING_MATCH", metadata: { segment: "finance-readers" } }, { headline: "Make your money work harder" }],
    ["home-hero", "user_000008", { variant: "default", reason: "DEFAULT", metadata: { consent: "personalization_opted_out" } }, {}],
    ["travel-offer", "user_000004", { variant: "vietnam", reason: "TARGETING_MATCH" }, { headline: "Vietnam is calling, Ethan" }],
    ["travel-offer", "user_000003", { reason: "DISABLED", value: {} }, {}],
    ["travel-offer", "user_000001", { variant: "explore", reason: "DEFAULT" }, {}],
    ["bank-offer", "user_000002", { variant: "fund", reason: "TARGETING_MATCH", metadata: { segment: "investing-savers" } }, {}],
    ["greeting", "user_000006", { variant: "hello" }, { text: "Hi Léa" }],
    ["greeting", "someone-new", { variant: "hello" }, { text: "Hi there" }],
    ["email-header", "user_000001", { variant: "sports" }, { subject: "Sam, your week in sports" }],
  ])("%s for %s", async (slot, visitor, decision, content) => {
    const d = await run(slot, visitor);
    expect(d).toMatchObject(decision);
    expect(d.value).toMatchObject(content);
  });

  it("suppresses the Vietnam offer after the booking and names the home branch in the fund suggestion", async () => {
    const booked = await run("travel-offer", "user_000003");
    expect(booked.trace?.[0]).toMatchObject({ experience: "vietnam-flight-offer", outcome: "suppressed" });
    const [profile] = await queryRows<{ branch: string }>(t.db, sql`select traits->>'home_branch' as branch from profiles where workspace_id = ${ws}::uuid and user_id = 'user_000002'`);
    expect(profile.branch).toMatch(/^London /);
    expect(String((await run("bank-offer", "user_000002")).value.body)).toContain(`<strong>${profile.branch}</strong>`);
  });

  it("recommends from Sam's sports interest without what he bought, and popular items to a newcomer", async () => {
    const items = (await run("recommended-products", "user_000001")).value.items as { product_id: string; category: string; url: string }[];
    const boughtRows = await queryRows<{ id: string }>(
      t.db,
      sql`select distinct i->>'product_id' as id from events e join profiles p on p.id = e.profile_id, jsonb_array_elements(e.properties->'products') i
          where e.workspace_id = ${ws}::uuid and p.user_id = 'user_000001' and e.event = 'Order Completed'`,
    );
    expect(boughtRows.length).toBeGreaterThan(0);
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ category: "sports", url: expect.stringMatching(/^https:\/\/www\.example\.com\/products\//) });
    for (const item of items) expect(boughtRows.map((r) => r.id)).not.toContain(item.product_id);
    const fresh = (await run("recommended-products", "someone-new")).value.items as { product_id: string }[];
    expect(fresh).toHaveLength(4);
  });

  it("decides every slot in one bulk call exactly as slot by slot (one visitor load for all)", async () => {
    const people = await queryRows<{ value: string }>(t.db, sql`select value from identities where workspace_id = ${ws}::uuid order by value limit 60`);
    const keys = [...people.map((p) => p.value), "never-seen-visitor"];
    const wire = ({ trace: _trace, ...rest }: Decision) => rest;
    const reasons = new Set<string>();
    for (const targetingKey of keys) {
      const input = { workspaceId: ws, context: { targetingKey }, now: NOW };
      const bulk = await decideManyWithBudget(t.db, { ...input, slotKeys: null }, { record: false, budgetMs: 10_000 });
      const slots = bulk.map((b) => (b.kind === "decision" ? b.decision.key : b.kind));
      expect(slots).toEqual([...slots].sort());
      const single = await Promise.all(slots.map((slotKey) => decideWithBudget(t.db, { ...input, slotKey }, { record: false, budgetMs: 10_000 })));
      expect(bulk.map((b) => (b.kind === "decision" ? wire(b.decision) : b)), targetingKey).toEqual(single.map((b) => (b.kind === "decision" ? wire(b.decision) : b)));
      for (const b of bulk) if (b.kind === "decision") reasons.add(`${b.decision.key}:${b.decision.reason}`);
    }
    // The comparison covered matches, defaults and holdouts, not only one kind of answer.
    expect([...reasons].some((r) => r.endsWith("TARGETING_MATCH"))).toBe(true);
    expect([...reasons].some((r) => r.endsWith("DEFAULT"))).toBe(true);
  });

  it("gives home-hero a history where the sports variant clearly beats the holdout", async () => {
    expect(result.history.impressions).toBeGreaterThan(5_000);
    const results = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "home-hero" });
    const sports = results.variants.find((v) => v.key === "sports")!;
    expect(results.holdout!.visitors).toBeGreaterThan(500);
    expect(sports.visitors).toBeGreaterThan(1_000);
    expect(sports.conversionRate).toBeGreaterThan(0.04);
    expect(results.holdout!.conversionRate).toBeLessThan(0.03);
    expect(sports.lift).toMatchObject({ significant: true, enoughData: true });
    expect(sports.lift!.relativeLiftCi!.lower).toBeGreaterThan(0);
    expect(results.daily.length).toBeGreaterThanOrEqual(29);
    // Holdout rows follow decide's own hash, so a visitor's history matches what they are served now.
    const [sam] = await queryRows<{ variant: string; holdout: boolean }>(
      t.db,
      sql`select distinct variant, holdout from impressions i join experiences e on e.id = i.experience_id where e.key = 'home-hero' and i.targeting_key = 'user_000001'`,
    );
    expect(sam).toEqual({ variant: "sports", holdout: false });
  });
});
