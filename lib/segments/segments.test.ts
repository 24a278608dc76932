import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { events, profiles } from "@/db/schema";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { deleteSegment } from "./delete-segment";
import { listSegments, listSegmentVersions } from "./list-segments";
import { previewRule } from "./preview-rule";
import { createSegment, duplicateSegment, updateSegment } from "./save-segment";
import { exportSegmentMembersCsv, listSegmentMembers } from "./segment-members";
import { parseSubmittedRule } from "./segment-rules";

const NOW = new Date("2026-11-20T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const actor = { id: "user:test", label: "ana@example.com" };

const US = { type: "trait", field: "traits.country", operator: "one_of", value: ["US", "GB"] };
const SPORTS = {
  type: "event",
  event: "Page Viewed",
  filters: [{ property: "category", operator: "equals", value: "sports" }],
  measure: { kind: "count" },
  comparison: { op: "at_least", value: 3 },
  window: { kind: "last", amount: 30, unit: "days" },
};

describe.each(testEngines())("segments on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  const scope = () => ({ workspaceId: ws, actor });

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = (await createWorkspace(t.db, { name: "Acme" })).id;
    // 40 profiles: country cycles US, GB, DE, missing; sports views 0..4 within 30 days; one "=cmd" name for CSV safety.
    const countries = ["US", "GB", "DE", undefined];
    for (let i = 0; i < 40; i++) {
      const country = countries[i % 4];
      const [p] = await t.db
        .insert(profiles)
        .values({ workspaceId: ws, userId: `u${i}`, traits: { email: `u${i}@example.com`, first_name: i === 7 ? "=cmd" : `N${i}`, ...(country ? { country } : {}) }, lastSeenAt: daysAgo(i % 5) })
        .returning();
      const views = i % 5;
      if (views === 0) continue;
      await t.db.insert(events).values(
        Array.from({ length: views }, (_, k) => ({ workspaceId: ws, profileId: p.id, messageId: `m${i}-${k}`, type: "page", event: "Page Viewed", properties: { category: k % 2 ? "Sports" : "sports" }, timestamp: daysAgo(k * 7 + 1) })),
      );
    }
  });
  afterAll(async () => t?.close());

  it("creates, versions and diffs a segment, and refuses a stale edit", async () => {
    const created = await createSegment(t.db, scope(), { key: "sports-us", name: "Sports fans in US/GB", tags: ["Sports", "sports"], rule: { type: "group", op: "and", children: [US, SPORTS] } });
    expect(created.version).toBe(1);
    expect(created.tags).toEqual(["sports"]);
    await expect(createSegment(t.db, scope(), { key: "sports-us", name: "Again", rule: US })).rejects.toMatchObject({ code: "conflict" });
    const changed = await updateSegment(t.db, scope(), "sports-us", { expectedVersion: 1, rule: { type: "group", op: "and", children: [{ ...US, value: ["US"] }, SPORTS] } });
    expect(changed.version).toBe(2);
    await expect(updateSegment(t.db, scope(), "sports-us", { expectedVersion: 1, name: "Lost update" })).rejects.toMatchObject({ code: "conflict" });
    const versions = await listSegmentVersions(t.db, ws, "sports-us");
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0].changes).toEqual([{ path: "rule.children.0.value.1", kind: "removed", before: "GB" }]);
    expect(versions[0].changedBy).toBe("ana@example.com");
  });

  it("rejects an invalid rule with the path of the problem", async () => {
    await expect(createSegment(t.db, scope(), { key: "bad", name: "Bad", rule: { type: "group", op: "and", children: [{ ...US, field: "traits.nope" }] } })).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: ["rule", "children", "0", "field"] })],
    });
    expect((await listSegments(t.db, { workspaceId: ws, q: "bad" })).length).toBe(0);
  });

  it("previews exact counts per condition and matches the member list", async () => {
    const json = { type: "group", op: "and", children: [US, SPORTS] };
    const { rule, catalog, stored } = await parseSubmittedRule(t.db, ws, json);
    const preview = await previewRule(t.db, { workspaceId: ws, rule, catalog, stored, now: NOW, sampleSize: 5 });
    // US or GB: i%4 in {0,1} → 20 profiles. ≥3 sports views within 30 days: views (i%5) ≥ 3 with k*7+1 < 30 → views 3,4 → 16 profiles.
    const expected = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 4 < 2 && i % 5 >= 3);
    expect(preview).toMatchObject({ total: 40, count: expected.length, timedOut: false });
    expect(preview.perCondition.map((c) => c.count)).toEqual([20, 16]);
    expect(preview.sample).toHaveLength(5);
    await createSegment(t.db, scope(), { key: "preview-check", name: "Check", rule: json });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSegmentMembers(t.db, { workspaceId: ws, key: "preview-check", cursor, limit: 3, now: NOW });
      seen.push(...page.data.map((m) => m.userId!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(expected.map((i) => `u${i}`).sort());
  });

  it("streams CSV with formulas defused", async () => {
    await createSegment(t.db, scope(), { key: "everyone", name: "Everyone", rule: { type: "group", op: "and", children: [] } });
    const text = await new Response(exportSegmentMembersCsv(t.db, { workspaceId: ws, key: "everyone", pageSize: 7 })).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("id,userId,email,name,country");
    expect(lines).toHaveLength(41);
    expect(text).toContain(",'=cmd,");
  });

  it("refuses to delete a segment another segment uses, naming it", async () => {
    await createSegment(t.db, scope(), { key: "base", name: "Base", rule: US });
    await createSegment(t.db, scope(), { key: "derived", name: "Derived", rule: { type: "segment", op: "in", segment: "base" } });
    await expect(deleteSegment(t.db, scope(), "base")).rejects.toThrow(/segment "Derived" \(derived\)/);
    await expect(updateSegment(t.db, scope(), "base", { rule: { type: "segment", op: "in", segment: "derived" } })).rejects.toMatchObject({ code: "validation_failed" });
    await deleteSegment(t.db, scope(), "derived");
    await deleteSegment(t.db, scope(), "base");
    const copy = await duplicateSegment(t.db, scope(), "everyone", { key: "everyone-2" });
    expect(copy.name).toBe("Everyone (copy)");
  });
});
