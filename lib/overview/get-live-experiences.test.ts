import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { experiences, impressions, conversions } from "@/db/schema";
import { newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { createExperience } from "@/lib/personalization/experiences";
import { createSlot } from "@/lib/personalization/slots";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { getLiveExperiences } from "./get-live-experiences";

const actor = { id: "user:test", label: "test@tailor.test" };

async function experience(db: Database, workspaceId: string, key: string, status: "live" | "draft", holdoutPercent = 10) {
  const scope = { workspaceId, actor };
  await createSlot(db, scope, { key: `${key}-slot`, name: `${key} slot`, channel: "web", fields: [{ key: "headline", label: "Headline", type: "text", required: true }] });
  const variants = { base: { name: "Base", content: { headline: "Hi" } }, bold: { name: "Bold", content: { headline: "HI" } } };
  const row = await createExperience(db, scope, { key, name: `${key} name`, slot: `${key}-slot`, holdoutPercent, goalEvent: "Order Completed", variants, defaultVariant: "base" });
  await db.update(experiences).set({ status }).where(eq(experiences.id, row.id));
  return row.id;
}

/** `n` visitors of one group, the first `converters` of them converting. */
async function traffic(db: Database, workspaceId: string, experienceId: string, group: string, n: number, converters: number) {
  const holdout = group === "holdout";
  const variant = holdout ? "base" : group;
  const at = new Date("2025-03-01T10:00:00Z");
  const keys = Array.from({ length: n }, (_, i) => `${group}-${i}`);
  await db.insert(impressions).values(keys.map((targetingKey) => ({ workspaceId, experienceId, variant, targetingKey, holdout, at })));
  if (converters) {
    await db.insert(conversions).values(keys.slice(0, converters).map((targetingKey) => ({ workspaceId, experienceId, variant, targetingKey, holdout, event: "Order Completed", messageId: `m-${experienceId}-${targetingKey}`, at })));
  }
}

describe.each(testEngines())("getLiveExperiences on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await newWorkspace(t.db, "Live");
    const winner = await experience(t.db, ws, "winner", "live");
    await traffic(t.db, ws, winner, "holdout", 1000, 100);
    await traffic(t.db, ws, winner, "base", 1000, 110);
    await traffic(t.db, ws, winner, "bold", 1000, 180);
    const early = await experience(t.db, ws, "early", "live");
    await traffic(t.db, ws, early, "holdout", 40, 2);
    await traffic(t.db, ws, early, "bold", 60, 6);
    await experience(t.db, ws, "drafted", "draft");
  });
  afterAll(async () => t?.close());

  it("lists only live experiences, each with its best variant's lift or a plain 'not enough data'", async () => {
    const live = await getLiveExperiences(t.db, { workspaceId: ws });
    expect(live.total).toBe(2);
    expect(live.all).toBe(3);
    const byKey = Object.fromEntries(live.items.map((e) => [e.key, e]));
    expect(byKey.winner).toMatchObject({ name: "winner name", slot: { key: "winner-slot", name: "winner slot" }, visitors: 3000, verdict: "better", best: { key: "bold", name: "Bold" } });
    expect(byKey.winner.best?.lift?.relativeLift).toBeCloseTo(0.8, 10);
    expect(byKey.winner.sentence).toBe("“Bold” converts 1.8× the holdout, 95% CI +43% to +126%.");
    expect(byKey.early).toMatchObject({ visitors: 100, verdict: "not_enough_data" });
    expect(byKey.drafted).toBeUndefined();
  });

  it("knows a workspace with no experiences at all", async () => {
    const empty = await newWorkspace(t.db, "None");
    expect(await getLiveExperiences(t.db, { workspaceId: empty })).toEqual({ total: 0, all: 0, items: [] });
  });
});
