import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { profiles, segmentMembers, segments } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { computeSegmentBreakdown, getSegmentBreakdown } from "./breakdown";
import { classifyIndex, fieldLabel, listBreakdownFields, niceBands } from "./breakdown-schemas";
import { segmentBreakdownSchema } from "./openapi";

/**
 * 20 profiles, 10 of them in the segment (•). Country: US×8 (2•), GB×4 (4•), DE×2 (2•), FR×1 (1•),
 * "" ×1 and missing ×4 (1•). Age: 16•, 22•, 30•, 30, 70, "abc"•, the rest missing.
 */
const PEOPLE: Array<{ member: boolean; traits: Record<string, unknown>; context?: Record<string, unknown> }> = [
  { member: true, traits: { country: "GB", age: 16, score: 0.5, vip: true }, context: { device: "mobile" } },
  { member: true, traits: { country: "GB", age: 22, score: 1.2, vip: true }, context: { device: "mobile" } },
  { member: true, traits: { country: "GB", age: 30, score: 2.9, vip: false }, context: { device: "desktop" } },
  { member: true, traits: { country: "GB", age: "abc", score: 3 }, context: { device: "mobile" } },
  { member: true, traits: { country: "US" } },
  { member: true, traits: { country: "US" } },
  { member: true, traits: { country: "DE" } },
  { member: true, traits: { country: "DE" } },
  { member: true, traits: { country: "FR" } },
  { member: true, traits: {} },
  { member: false, traits: { country: "US", age: 30 } },
  { member: false, traits: { country: "US", age: 70 } },
  ...Array.from({ length: 4 }, () => ({ member: false, traits: { country: "US" } })),
  { member: false, traits: { country: "" } },
  ...Array.from({ length: 3 }, () => ({ member: false, traits: {} })),
];

async function seed(db: Database, name: string, people: typeof PEOPLE) {
  const workspaceId = await newWorkspace(db, name);
  const rows = await db
    .insert(profiles)
    .values(people.map((p, i) => ({ workspaceId, userId: `u${i}`, traits: { email: `u${i}@example.com`, ...p.traits }, context: p.context ?? {} })))
    .returning({ id: profiles.id });
  const [segment] = await db.insert(segments).values({ workspaceId, key: "fans", name: "Fans", rule: {} }).returning();
  const members = rows.filter((_, i) => people[i].member);
  if (members.length) await db.insert(segmentMembers).values(members.map((p) => ({ workspaceId, segmentId: segment.id, profileId: p.id, enteredAt: new Date() })));
  return workspaceId;
}

const pick = (rows: { label: string; members: number; profiles: number; index: number | null; kind: string }[]) =>
  rows.map((r) => [r.label, r.kind, r.members, r.profiles, r.index === null ? null : Math.round(r.index)]);

describe.each(testEngines())("segment breakdown on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seed(t.db, "Breakdown", PEOPLE);
    // The same segment key in another workspace, with everyone a member and other countries.
    await seed(t.db, "Other", PEOPLE.map((p) => ({ ...p, member: true, traits: { country: "JP" } })));
  });
  afterAll(async () => t?.close());

  it("splits members and all profiles by value, with shares and the index", async () => {
    const b = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "fans", by: "traits.country", limit: 10 });
    expect(b.segment).toEqual({ key: "fans", name: "Fans", size: 10 });
    expect(b.totalProfiles).toBe(20);
    expect(b.field).toMatchObject({ field: "traits.country", type: "string", banded: false });
    // GB: 40% of the segment vs 20% of all → 200. US: 20% vs 40% → 50. Empty text counts as not set.
    expect(pick(b.rows)).toEqual([
      ["United Kingdom (GB)", "value", 4, 4, 200],
      ["United States (US)", "value", 2, 8, 50],
      ["Germany (DE)", "value", 2, 2, 200],
      ["France (FR)", "value", 1, 1, 200],
      ["(not set)", "not_set", 1, 5, 40],
    ]);
    expect(b.rows[0]).toMatchObject({ key: "GB", segmentShare: 0.4, allShare: 0.2 });
    expect(b.rows.reduce((s, r) => s + r.segmentShare, 0)).toBeCloseTo(1, 10);
    expect(segmentBreakdownSchema.parse(b)).toEqual(b);
  });

  it("keeps the top values by members and folds the rest into Other", async () => {
    const b = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "fans", by: "traits.country", limit: 2 });
    // US and DE tie on members; US has more profiles.
    expect(pick(b.rows)).toEqual([
      ["United Kingdom (GB)", "value", 4, 4, 200],
      ["United States (US)", "value", 2, 8, 50],
      ["Other", "other", 3, 3, 200],
      ["(not set)", "not_set", 1, 5, 40],
    ]);
  });

  it("bands ages into the usual age bands, dropping empty ones; non-numbers are Other", async () => {
    const b = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "fans", by: "traits.age", limit: 10 });
    expect(b.field).toMatchObject({ type: "number", banded: true });
    expect(pick(b.rows)).toEqual([
      ["Under 18", "band", 1, 1, 200],
      ["18–24", "band", 1, 1, 200],
      ["25–34", "band", 1, 2, 100],
      ["65+", "band", 0, 1, 0],
      ["Other", "other", 1, 1, 200],
      ["(not set)", "not_set", 6, 14, 86],
    ]);
  });

  it("bands other numbers into equal nice-width bands over their range", async () => {
    const b = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "fans", by: "traits.score", limit: 10 });
    expect(b.rows.map((r) => [r.label, r.members])).toEqual([
      ["0.5 to under 1", 1],
      ["1 to under 1.5", 1],
      ["1.5 to under 2", 0],
      ["2 to under 2.5", 0],
      ["2.5 to under 3", 1],
      ["3 to under 3.5", 1],
      ["(not set)", 6],
    ]);
  });

  it("labels yes/no fields and reads last-known context fields", async () => {
    const vip = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "fans", by: "traits.vip", limit: 10 });
    expect(pick(vip.rows).slice(0, 2)).toEqual([
      ["Yes", "value", 2, 2, 200],
      ["No", "value", 1, 1, 200],
    ]);
    const device = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "fans", by: "context.device", limit: 10 });
    expect(pick(device.rows)).toEqual([
      ["mobile", "value", 3, 3, 200],
      ["desktop", "value", 1, 1, 200],
      ["(not set)", "not_set", 6, 16, 75],
    ]);
  });

  it("offers trait and context fields but not identifying ones, and defaults to country", async () => {
    const b = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "fans", limit: 10 });
    expect(b.field?.field).toBe("traits.country");
    const offered = b.fields.map((f) => f.field);
    expect(offered).toEqual(expect.arrayContaining(["traits.country", "traits.age", "traits.vip", "context.device", "context.utm_source"]));
    expect(offered).not.toContain("traits.email");
    expect(offered).not.toContain("user_id");
  });

  it.each(["traits.email", "traits.nope", "user_id", "'; drop table profiles; --", "traits.country.x"])("rejects by=%s with a 422 that lists the fields", async (by) => {
    const error = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "fans", by, limit: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation_failed");
    expect((error as AppError).message).toContain("traits.country");
  });

  it("is 404 for an unknown segment", async () => {
    const error = await computeSegmentBreakdown(t.db, { workspaceId: ws, segmentKey: "missing", limit: 10 }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("not_found");
  });

  it("answers from a short-lived cache until asked to refresh", async () => {
    const params = { workspaceId: ws, segmentKey: "fans", by: "context.device", limit: 10 };
    const first = await getSegmentBreakdown(t.db, { ...params, now: new Date("2025-01-01T00:00:00Z") });
    const again = await getSegmentBreakdown(t.db, params);
    expect(again.asOf).toBe("2025-01-01T00:00:00.000Z");
    expect(again).toBe(first);
    const fresh = await getSegmentBreakdown(t.db, { ...params, refresh: true });
    expect(fresh.asOf).not.toBe(first.asOf);
    expect(fresh.rows).toEqual(first.rows);
  });
});

describe("breakdown helpers", () => {
  it.each([
    [0.5, 3, false, ["0.5 to under 1", "1 to under 1.5", "1.5 to under 2", "2 to under 2.5", "2.5 to under 3", "3 to under 3.5"]],
    [300, 850, true, ["300–399", "400–499", "500–599", "600–699", "700–799", "800–899"]],
    [1, 4, true, ["1", "2", "3", "4"]],
    [7, 7, true, ["7"]],
    [0.1, 0.3, false, ["0.1 to under 0.15", "0.15 to under 0.2", "0.2 to under 0.25", "0.25 to under 0.3", "0.3 to under 0.35"]],
  ])("niceBands(%d, %d, integers %s)", (min, max, integers, labels) => {
    const bands = niceBands(min, max, integers);
    expect(bands.labels).toEqual(labels);
    expect(bands.thresholds).toHaveLength(labels.length - 1);
  });

  it.each([
    [200, 40, 20, "over"],
    [120, 24, 20, "over"],
    [119, 24, 20, "even"],
    [80, 16, 20, "under"],
    [0, 0, 25, "under"],
    [300, 6, 2, "too_few"],
    [null, 0, 0, "too_few"],
  ] as const)("index %s with %i members (%i expected) is %s", (index, members, expected, result) => {
    expect(classifyIndex(index, members, expected)).toBe(result);
  });

  it("labels fields in plain words and skips unsupported types", () => {
    expect(fieldLabel("context.utm_source")).toBe("UTM source");
    expect(fieldLabel("traits.address.city")).toBe("Address city");
    const fields = listBreakdownFields({
      events: [],
      fields: [
        { field: "traits.interests", type: "list", examples: [] },
        { field: "traits.signup_date", type: "date", examples: [] },
        { field: "traits.customer_id", type: "string", examples: [] },
        { field: "known", type: "boolean", examples: [] },
        { field: "context.os", type: "string", examples: [] },
      ],
    });
    expect(fields).toEqual([{ field: "context.os", label: "OS", source: "context", type: "string" }]);
  });
});
