/**
 * The index is never stale: a write committed before a count is asked for shows in that count —
 * an event, a trait, a deletion, from this connection pool or (PostgreSQL) another process's
 * connection — and a bulk change it cannot follow row by row makes it rebuild, counting in the
 * database meanwhile. Membership writes do not make it re-read anyone.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, profiles, segmentMembers, segments, workspaces } from "@/db/schema";
import type { Rule, RuleInput } from "@/lib/rules/ast";
import { parse } from "@/lib/rules/parse";
import { NOW, TEST_CATALOG } from "@/lib/rules/__tests__/fixtures";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import type { AudienceIndex } from "../audience-index";
import { matchRule } from "../match-rule";
import { audienceIndexStats, withAudienceIndex } from "../registry";

function rule(json: RuleInput): Rule {
  const result = parse(json, TEST_CATALOG);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rule;
}
const PRO = rule({ type: "trait", field: "traits.plan", operator: "equals", value: "pro" });
const ORDERED = rule({ type: "event", event: "Order Completed", window: { kind: "last", amount: 7, unit: "days" } });

const count = (index: AudienceIndex, r: Rule) => matchRule(index, r, NOW, { resolve: () => undefined }).reduce((n, b) => n + b, 0);

describe.each(testEngines())("the audience index on %s", (engine) => {
  let t: TestDb;
  let workspaceId: string;
  let ids: string[];
  const ask = (options: { waitMs?: number } = {}) =>
    withAudienceIndex(t.db, workspaceId, (index) => ({ alive: index.alive, pro: count(index, PRO), ordered: count(index, ORDERED) }), options);

  beforeAll(async () => {
    t = await createTestDb(engine);
    const [ws] = await t.db.insert(workspaces).values({ slug: `ix-${randomUUID()}`, name: "ix" }).returning();
    workspaceId = ws.id;
    ids = Array.from({ length: 20 }, () => randomUUID());
    await t.db.insert(profiles).values(ids.map((id, i) => ({ workspaceId, id, traits: { plan: i < 5 ? "pro" : "free" } })));
  });
  afterAll(async () => t?.close());

  it("builds on first use and answers", async () => {
    expect(await ask({ waitMs: 30_000 })).toEqual({ value: { alive: 20, pro: 5, ordered: 0 } });
    expect(audienceIndexStats(t.db)).toEqual([expect.objectContaining({ workspaceId, status: "ready", profiles: 20, events: 0 })]);
  });

  it("shows every write committed before the question, at once", async () => {
    await t.db.insert(events).values({ workspaceId, profileId: ids[7], messageId: randomUUID(), type: "track", event: "Order Completed", properties: {}, timestamp: new Date(NOW.getTime() - 3_600_000) });
    await t.db.update(profiles).set({ traits: { plan: "pro" } }).where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, ids[19])));
    expect(await ask()).toEqual({ value: { alive: 20, pro: 6, ordered: 1 } });
    await t.db.delete(events).where(eq(events.profileId, ids[7]));
    await t.db.delete(profiles).where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, ids[0])));
    expect(await ask()).toEqual({ value: { alive: 19, pro: 5, ordered: 0 } });
  });

  it.runIf(engine === "postgres")("shows writes of another process as soon as they commit", async () => {
    const other = postgres(process.env.DATABASE_URL!.replace(/\/[^/]*$/, `/${await currentDatabase(t)}`), { max: 1, onnotice: () => {} });
    try {
      await other`update profiles set traits = '{"plan":"pro"}' where workspace_id = ${workspaceId} and id = ${ids[18]}`;
      expect(await ask()).toEqual({ value: { alive: 19, pro: 6, ordered: 0 } });
    } finally {
      await other.end();
    }
  });

  it("does not re-read anyone for membership writes", async () => {
    const [segment] = await t.db.insert(segments).values({ workspaceId, key: "pros", name: "Pros", rule: { type: "group", op: "and", children: [] } }).returning();
    await t.db.insert(segmentMembers).values(ids.slice(1, 6).map((profileId) => ({ workspaceId, profileId, segmentId: segment.id, enteredAt: NOW })));
    const before = audienceIndexStats(t.db)[0].reread;
    await ask();
    expect(audienceIndexStats(t.db)[0].reread).toBe(before);
    await t.db.insert(events).values({ workspaceId, profileId: ids[3], messageId: randomUUID(), type: "track", event: "Signed Up", properties: {}, timestamp: NOW });
    await ask();
    expect(audienceIndexStats(t.db)[0].reread).toBe(before + 1);
  });

  it("rebuilds after a change it cannot follow profile by profile, counting in the database meanwhile", async () => {
    const many = Array.from({ length: 5001 }, () => ({ workspaceId, id: randomUUID(), traits: { plan: "free" } }));
    await t.db.insert(profiles).values(many);
    expect(await ask()).toBeNull();
    const rebuilt = await ask({ waitMs: 60_000 });
    expect(rebuilt).toEqual({ value: { alive: 5020, pro: engine === "postgres" ? 6 : 5, ordered: 0 } });
    await t.db.execute(sql`delete from profiles where workspace_id = ${workspaceId}::uuid and traits->>'plan' = 'free'`);
  });
});

async function currentDatabase(t: TestDb): Promise<string> {
  const rows = (await t.db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
  return rows[0].name;
}
