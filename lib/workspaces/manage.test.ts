import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { createUser } from "@/lib/auth/create-user";
import { listAudit } from "@/lib/audit/list-audit";
import { createApiKey } from "@/lib/keys/api-keys";
import "@/lib/personalization/register";
import { decide } from "@/lib/personalization/decide";
import { createDemoPersonalization } from "@/lib/personalization/demo-personalization";
import { flushImpressions } from "@/lib/personalization/record-impressions";
import { createDemoSegments } from "@/lib/segments/demo-segments";
import { rebuildRollups } from "@/lib/segments/rollups";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { createOwnedWorkspace, deleteWorkspace, renameWorkspace } from "./manage";
import { getRole, getWorkspace } from "./workspaces";

const NOW = new Date();

describe.each(testEngines())("workspace management on %s", (engine) => {
  let t: TestDb;
  let userId: string;
  const actor = { id: "user:test", label: "owner@manage.test" };

  beforeAll(async () => {
    t = await createTestDb(engine);
    userId = (await createUser(t.db, { email: "owner@manage.test", name: "Owner", password: "long-enough" })).id;
  });
  afterAll(async () => {
    await flushImpressions();
    await t?.close();
  });

  /** A workspace with everything a real one holds: profiles, events, rollups, segments, experiences, impressions, keys. */
  async function populated(name: string) {
    const workspace = await createOwnedWorkspace(t.db, userId, actor, name);
    await seedDemoData(t, { workspaceId: workspace.id, profiles: 40, now: NOW });
    await rebuildRollups(t.db, workspace.id);
    await createDemoSegments(t.db, workspace.id, actor);
    await createDemoPersonalization(t.db, workspace.id, actor, { now: NOW });
    await decide(t.db, { workspaceId: workspace.id, slotKey: "home-hero", context: { targetingKey: "user_000001" }, now: NOW }, { record: true });
    await flushImpressions();
    await createApiKey(t.db, { workspaceId: workspace.id, kind: "write" });
    return workspace;
  }

  /** Rows per table that has a workspace_id column — every table, including ones added later. */
  async function rowsByTable(workspaceId: string) {
    const tables = await queryRows<{ table_name: string }>(
      t.db,
      sql`select table_name from information_schema.columns where column_name = 'workspace_id' and table_schema = 'public' order by table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) {
      const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ${sql.identifier(table_name)} where workspace_id = ${workspaceId}::uuid`);
      counts[table_name] = row.n;
    }
    return counts;
  }

  it("creates a workspace owned by its creator, with a free slug and an audit entry", async () => {
    const first = await createOwnedWorkspace(t.db, userId, actor, "  Second Shop ");
    const again = await createOwnedWorkspace(t.db, userId, actor, "Second shop");
    expect([first.name, first.slug, again.slug]).toEqual(["Second Shop", "second-shop", "second-shop-2"]);
    expect(await getRole(t.db, first.id, userId)).toBe("owner");
    const audit = await listAudit(t.db, first.id, { limit: 10 });
    expect(audit.data.map((e) => [e.action, e.after])).toEqual([["workspace.created", { name: "Second Shop", slug: "second-shop" }]]);
  });

  it("renames a workspace, keeps its slug, and records the old and new name", async () => {
    const workspace = await createOwnedWorkspace(t.db, userId, actor, "Old name");
    const renamed = await renameWorkspace(t.db, workspace, actor, " New name ");
    expect([renamed.name, renamed.slug]).toEqual(["New name", "old-name"]);
    // The same name again changes nothing and records nothing.
    await renameWorkspace(t.db, renamed, actor, "New name");
    const audit = await listAudit(t.db, workspace.id, { limit: 10 });
    expect(audit.data.map((e) => [e.action, e.before, e.after])).toEqual([
      ["workspace.renamed", { name: "Old name" }, { name: "New name" }],
      ["workspace.created", null, { name: "Old name", slug: "old-name" }],
    ]);
  });

  it("deletes a workspace and every row in it only with its slug, leaving other workspaces exactly as they were", async () => {
    const doomed = await populated("Doomed");
    const kept = await populated("Kept");
    const before = await rowsByTable(doomed.id);
    const keptBefore = await rowsByTable(kept.id);
    for (const table of ["profiles", "events", "event_rollups", "segments", "segment_members", "experiences", "impressions", "api_keys", "memberships", "audit_entries"]) {
      expect(before[table], table).toBeGreaterThan(0);
    }

    // A wrong confirmation is a field error and deletes nothing.
    await expect(deleteWorkspace(t.db, doomed, "kept")).rejects.toMatchObject({ code: "validation_failed", details: [{ path: ["confirm"], message: 'Type "doomed" to confirm' }] });
    expect(await rowsByTable(doomed.id)).toEqual(before);

    await deleteWorkspace(t.db, doomed, " doomed ");
    expect(await getWorkspace(t.db, doomed.id)).toBeNull();
    const after = await rowsByTable(doomed.id);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await rowsByTable(kept.id)).toEqual(keptBefore);
    // The owner's account stays, with their other workspaces.
    expect(await getRole(t.db, kept.id, userId)).toBe("owner");
  }, 120_000);
});
