import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversions, impressions } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/api/errors";
import { newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { createExperience } from "@/lib/personalization/experiences";
import { createSlot } from "@/lib/personalization/slots";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { getCachedExperienceResults, getExperienceResults } from "./experience-results";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { computeLift } from "./lift";
import { experienceResultsSchema, INSIGHTS_RESULTS_OPERATIONS } from "./openapi";

const actor = { id: "user:test", label: "test@tailor.test" };
const at = (iso: string) => new Date(iso);
const keys = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

async function seedExperience(db: Database, workspaceId: string, key: string, holdoutPercent: number) {
  const scope = { workspaceId, actor };
  await createSlot(db, scope, { key: `${key}-slot`, name: "Hero", channel: "web", fields: [{ key: "headline", label: "Headline", type: "text", required: true }] });
  const variants = { control: { name: "Control", content: { headline: "Hi" } }, a: { name: "Bold", content: { headline: "HI" } }, b: { name: "Quiet", content: { headline: "hi" } } };
  const row = await createExperience(db, scope, { key, name: key, slot: `${key}-slot`, holdoutPercent, goalEvent: "Order Completed", variants, defaultVariant: "control" });
  return row.id;
}

/**
 * Holdout h0–h199 (day 1), h0–h19 convert on day 1 and h0 again on day 3.
 * Variant a: a0–a99 on day 1, a100–a199 and a0 again on day 3; a0–a29 convert on day 3.
 * Variant b: b0–b49 on day 1; b0 converts. Nothing happens on day 2.
 */
async function seedTraffic(db: Database, workspaceId: string, experienceId: string) {
  const imp = (targetingKey: string, variant: string, when: string, holdout = false) => ({ workspaceId, experienceId, variant, targetingKey, holdout, at: at(when) });
  let message = 0;
  const conv = (targetingKey: string, variant: string, when: string, holdout = false) => ({
    workspaceId, experienceId, variant, targetingKey, holdout, event: "Order Completed", messageId: `m-${experienceId}-${++message}`, at: at(when),
  });
  await db.insert(impressions).values([
    ...keys("h", 0, 200).map((k) => imp(k, "control", "2025-03-01T10:00:00Z", true)),
    ...keys("a", 0, 100).map((k) => imp(k, "a", "2025-03-01T10:00:00Z")),
    ...keys("a", 100, 200).map((k) => imp(k, "a", "2025-03-03T10:00:00Z")),
    imp("a0", "a", "2025-03-03T23:59:59Z"),
    ...keys("b", 0, 50).map((k) => imp(k, "b", "2025-03-01T23:00:00Z")),
  ]);
  await db.insert(conversions).values([
    ...keys("h", 0, 20).map((k) => conv(k, "control", "2025-03-01T12:00:00Z", true)),
    conv("h0", "control", "2025-03-03T09:00:00Z", true),
    ...keys("a", 0, 30).map((k) => conv(k, "a", "2025-03-03T11:00:00Z")),
    conv("b0", "b", "2025-03-01T23:30:00Z"),
  ]);
}

describe.each(testEngines())("getExperienceResults on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await newWorkspace(t.db, "Results");
    await seedTraffic(t.db, ws, await seedExperience(t.db, ws, "hero", 10));
    // Noise that must not leak in: another experience here, the same key in another workspace.
    await seedTraffic(t.db, ws, await seedExperience(t.db, ws, "footer", 10));
    const other = await newWorkspace(t.db, "Other");
    await seedTraffic(t.db, other, await seedExperience(t.db, other, "hero", 10));
    await seedExperience(t.db, ws, "no-holdout", 0);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("counts impressions, unique visitors, converters and conversions per group", async () => {
    const results = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero" });
    expect(results.experience).toMatchObject({ key: "hero", holdoutPercent: 10, defaultVariant: "control", goalEvent: "Order Completed" });
    expect(results.window).toEqual({ from: null, to: null });
    expect(results.holdout).toEqual({ impressions: 200, visitors: 200, converters: 20, conversions: 21, conversionRate: 0.1 });
    const byKey = Object.fromEntries(results.variants.map((v) => [v.key, v]));
    expect(results.variants.map((v) => [v.key, v.name])).toEqual([["control", "Control"], ["a", "Bold"], ["b", "Quiet"]]);
    // Holdout impressions carry "control" but are not the control variant's own traffic.
    expect(byKey.control).toMatchObject({ impressions: 0, visitors: 0, converters: 0, conversions: 0, conversionRate: 0 });
    expect(byKey.a).toMatchObject({ impressions: 201, visitors: 200, converters: 30, conversions: 30, conversionRate: 0.15 });
    expect(byKey.b).toMatchObject({ impressions: 50, visitors: 50, converters: 1, conversions: 1, conversionRate: 0.02 });
  });

  it("matches the documented response schema", async () => {
    const results = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero", from: at("2025-03-01T00:00:00Z") });
    expect(experienceResultsSchema.parse(results)).toEqual(results);
    const doc = buildOpenApiDocument(INSIGHTS_RESULTS_OPERATIONS, "http://localhost") as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(["/api/v1/experiences/{key}/results"]);
  });

  it("computes lift of each variant over the holdout", async () => {
    const results = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero" });
    const [, a, b] = results.variants;
    expect(a.lift).toEqual(computeLift({ visitors: 200, converters: 20 }, { visitors: 200, converters: 30 }));
    // 20/200 vs 30/200: pooled z = 0.05 / √(0.125·0.875·0.01) = 1.5119, p = 0.1306.
    expect(a.lift?.relativeLift).toBeCloseTo(0.5, 6);
    expect(a.lift?.pValue).toBeCloseTo(0.1306, 4);
    expect(a.lift?.significant).toBe(false);
    expect(b.lift?.enoughData).toBe(false);
    expect(b.lift?.reason).toContain("the variant has 50 visitors");
  });

  it("gives one zero-filled point per UTC day for the chart", async () => {
    const { daily } = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero" });
    expect(daily).toEqual([
      {
        day: "2025-03-01",
        holdout: { visitors: 200, conversions: 20 },
        variants: { control: { visitors: 0, conversions: 0 }, a: { visitors: 100, conversions: 0 }, b: { visitors: 50, conversions: 1 } },
      },
      {
        day: "2025-03-02",
        holdout: { visitors: 0, conversions: 0 },
        variants: { control: { visitors: 0, conversions: 0 }, a: { visitors: 0, conversions: 0 }, b: { visitors: 0, conversions: 0 } },
      },
      {
        day: "2025-03-03",
        holdout: { visitors: 0, conversions: 1 },
        variants: { control: { visitors: 0, conversions: 0 }, a: { visitors: 101, conversions: 30 }, b: { visitors: 0, conversions: 0 } },
      },
    ]);
  });

  it("gives running totals per UTC day for the cumulative chart, ending at the totals", async () => {
    const results = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero" });
    const g = (visitors: number, converters: number) => ({ visitors, converters, conversionRate: visitors ? converters / visitors : 0 });
    // a0 seen again on day 3 and h0 converting again on day 3 are not new: each person counts once.
    const day1 = { holdout: g(200, 20), variants: { control: g(0, 0), a: g(100, 0), b: g(50, 1) } };
    expect(results.cumulative).toEqual([
      { day: "2025-03-01", ...day1 },
      { day: "2025-03-02", ...day1 },
      { day: "2025-03-03", holdout: g(200, 20), variants: { control: g(0, 0), a: g(200, 30), b: g(50, 1) } },
    ]);
    const last = results.cumulative.at(-1)!;
    expect({ visitors: last.holdout!.visitors, converters: last.holdout!.converters }).toEqual({ visitors: results.holdout!.visitors, converters: results.holdout!.converters });
    for (const v of results.variants) expect(last.variants[v.key]).toEqual(g(v.visitors, v.converters));
  });

  it("windows the cumulative series and can leave the series out", async () => {
    const windowed = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero", from: at("2025-03-03T00:00:00Z") });
    expect(windowed.cumulative.map((p) => [p.day, p.holdout?.visitors, p.variants.a.visitors, p.variants.a.converters])).toEqual([["2025-03-03", 0, 101, 1]]);
    const totalsOnly = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero", series: false });
    expect(totalsOnly.daily).toEqual([]);
    expect(totalsOnly.cumulative).toEqual([]);
    expect(totalsOnly.variants[1]).toMatchObject({ key: "a", visitors: 200, converters: 30 });
  });

  it("counts only conversions of visitors exposed inside the window", async () => {
    const from = at("2025-03-03T00:00:00Z");
    const to = at("2025-03-04T00:00:00Z");
    const results = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero", from, to });
    expect(results.window).toEqual({ from: from.toISOString(), to: to.toISOString() });
    // h0's day-3 conversion is outside: h0 was exposed on day 1. Of a0–a29 only a0 was exposed on day 3.
    expect(results.holdout).toEqual({ impressions: 0, visitors: 0, converters: 0, conversions: 0, conversionRate: 0 });
    expect(results.variants[1]).toMatchObject({ key: "a", impressions: 101, visitors: 101, converters: 1, conversions: 1 });
    expect(results.daily.map((d) => d.day)).toEqual(["2025-03-03"]);
    // `to` is exclusive.
    const before = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "hero", to: at("2025-03-01T10:00:00Z") });
    expect(before.holdout?.visitors).toBe(0);
    expect(before.daily).toEqual([]);
  });

  it("answers from a 30-second cache, per window, until asked to refresh", async () => {
    const params = { workspaceId: ws, experienceKey: "hero" };
    const first = await getCachedExperienceResults(t.db, params);
    expect(await getCachedExperienceResults(t.db, params)).toBe(first);
    const windowed = await getCachedExperienceResults(t.db, { ...params, from: at("2025-03-03T00:00:00Z") });
    expect(windowed.holdout?.visitors).toBe(0);
    const fresh = await getCachedExperienceResults(t.db, { ...params, refresh: true });
    expect(fresh).not.toBe(first);
    expect(fresh.variants).toEqual(first.variants);
  });

  it("has no holdout group and no lift when the experience has no holdout", async () => {
    const results = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: "no-holdout" });
    expect(results.holdout).toBeNull();
    expect(results.variants.every((v) => v.lift === null && v.visitors === 0)).toBe(true);
    expect(results.daily).toEqual([]);
    expect(results.cumulative).toEqual([]);
  });

  it.each(["missing", "'; drop table impressions; --", "%"])("an unknown key %s is not_found", async (key) => {
    const error = await getExperienceResults(t.db, { workspaceId: ws, experienceKey: key }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
  });
});
