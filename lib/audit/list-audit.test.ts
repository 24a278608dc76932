import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedFields, describeAction } from "@/components/settings/audit-format";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { auditQuerySchema, listAudit } from "./list-audit";
import { recordAudit } from "./record-audit";

describe.each(testEngines())("the audit log on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("lists one workspace's entries newest first, in keyset pages, narrowed by kind and entity", async () => {
    const mine = await createWorkspace(t.db, { name: "Mine" });
    const theirs = await createWorkspace(t.db, { name: "Theirs" });
    const actor = { id: "user:1", label: "ana@example.com" };
    const entries = [
      ["segment.created", "segment", "sports-readers"],
      ["segment.updated", "segment", "sports-readers"],
      ["slot.created", "slot", "home-hero"],
      ["segment.created", "segment", "finance-readers"],
      ["member.added", "member", "u-2"],
    ] as const;
    for (const [action, entityType, entityId] of entries) await recordAudit(t.db, { workspaceId: mine.id, actor, action, entityType, entityId, after: { n: action } });
    await recordAudit(t.db, { workspaceId: theirs.id, actor, action: "segment.created", entityType: "segment", entityId: "secret", after: {} });

    const q = (raw: Record<string, string>) => listAudit(t.db, mine.id, auditQuerySchema.parse(raw));
    const all = await q({});
    expect(all.data.map((r) => r.action)).toEqual(["member.added", "segment.created", "slot.created", "segment.updated", "segment.created"]);
    expect(all.nextCursor).toBeNull();

    // Pages of two, following nextCursor, add up to the whole log without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await q({ limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((r) => `${r.action}:${r.entityId}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.data.map((r) => `${r.action}:${r.entityId}`));

    expect((await q({ entityType: "segment" })).data.map((r) => r.entityId)).toEqual(["finance-readers", "sports-readers", "sports-readers"]);
    expect((await q({ entityType: "segment", entityId: "sports-readers" })).data.map((r) => r.action)).toEqual(["segment.updated", "segment.created"]);
    expect((await q({ entityType: "segment", entityId: "secret" })).data).toEqual([]);
  });
});

describe("audit log queries", () => {
  it.each([
    [{ limit: "0" }, ["limit"]],
    [{ limit: "500" }, ["limit"]],
    [{ cursor: "abc" }, ["cursor"]],
    [{ entityType: "users" }, ["entityType"]],
    [{ entityId: "sports-readers" }, ["entityId"]],
  ])("refuses %j, naming the parameter", (raw, path) => {
    const result = auditQuerySchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(path);
  });
});

describe("audit wording", () => {
  it.each([
    ["segment.updated", "Segment updated"],
    ["member.role_changed", "Member role changed"],
    ["api_key.revoked", "API key revoked"],
    ["future.thing", "future thing"],
  ])("%s → %s", (action, words) => expect(describeAction(action)).toBe(words));

  it("shows only the fields a change touched", () => {
    expect(changedFields({ name: "A", rule: { x: 1 }, tags: [] }, { name: "B", rule: { x: 1 }, tags: [] })).toEqual([{ key: "name", before: '"A"', after: '"B"' }]);
    expect(changedFields(null, { role: "editor" })).toEqual([{ key: "role", before: undefined, after: '"editor"' }]);
    expect(changedFields({ role: "owner" }, undefined)).toEqual([{ key: "role", before: '"owner"', after: undefined }]);
  });
});
