import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { ingest } from "@/lib/ingest/__tests__/helpers";
import { deleteProfile } from "@/lib/profiles/delete-profile";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import "../register";
import { decide, type Decision } from "../decide";
import { createExperience, publishExperience } from "../experiences";
import { flushImpressions } from "../record-impressions";
import { createSlot } from "../slots";
import { settleVisitorCache, visitorCacheStats } from "../visitor-cache";
import { actor, liveExperience, profileOf, seedWorkspace, variant } from "./helpers";

const PRO = { type: "trait", field: "traits.plan", operator: "equals", value: "pro" };

describe.each(testEngines())("visitor cache on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seedWorkspace(t.db);
    await liveExperience(t.db, ws, {
      key: "hero",
      priority: 10,
      rules: [
        { id: "vips", audience: { segments: ["vip"] }, variant: "vip" },
        { id: "pros", audience: { rule: PRO }, variant: "pro" },
      ],
      variants: { vip: variant("VIP"), pro: variant("Pro"), generic: variant("Hello") },
      defaultVariant: "generic",
    });
    await createSlot(t.db, { workspaceId: ws, actor }, { key: "banner", name: "Banner", channel: "web", fields: [{ key: "headline", type: "text", required: true }] });
    await createExperience(t.db, { workspaceId: ws, actor }, {
      key: "capped",
      slot: "banner",
      name: "Capped",
      frequencyCap: { max: 3, per: "day" },
      rules: [{ id: "all", audience: { everyone: true }, variant: "deal" }],
      variants: { deal: variant("Deal") },
      defaultVariant: "deal",
    });
    await publishExperience(t.db, { workspaceId: ws, actor }, "capped");
    await settleVisitorCache(t.db);
    expect(visitorCacheStats(t.db)?.status).toBe("on");
  });
  afterAll(async () => {
    await flushImpressions();
    await t?.close();
  });

  const run = (targetingKey: string, slotKey = "home-hero", record = false) =>
    decide(t.db, { workspaceId: ws, slotKey, context: { targetingKey } }, { record }) as Promise<Decision>;
  const stats = () => visitorCacheStats(t.db)!;

  it("serves a returning visitor from memory, and forgets it on every kind of change", async () => {
    expect((await run("u-free")).variant).toBe("generic");
    const before = stats();
    expect((await run("u-free")).variant).toBe("generic");
    expect(stats().hits).toBe(before.hits + 1);
    expect(stats().misses).toBe(before.misses);

    // Ingestion in this process forgets at once: no waiting for the notification.
    await ingest(t.db, ws, [{ type: "identify", userId: "u-free", traits: { plan: "pro" } }]);
    expect((await run("u-free")).variant).toBe("pro");

    // A write by any other path (here plain SQL) arrives as a notification.
    await t.db.execute(sql`update profiles set traits = traits || '{"plan": "free"}' where workspace_id = ${ws}::uuid and user_id = 'u-free'`);
    await settleVisitorCache(t.db);
    expect((await run("u-free")).variant).toBe("generic");

    // An unknown visitor is kept as unknown until an identity names it.
    expect((await run("newbie")).variant).toBe("generic");
    expect((await run("newbie")).variant).toBe("generic");
    const [row] = await queryRows<{ id: string }>(t.db, sql`insert into profiles (workspace_id, id, traits) values (${ws}::uuid, gen_random_uuid(), '{"plan": "pro"}') returning id::text`);
    await t.db.execute(sql`insert into identities (workspace_id, kind, value, profile_id) values (${ws}::uuid, 'anonymous', 'newbie', ${row.id}::uuid)`);
    await settleVisitorCache(t.db);
    expect((await run("newbie")).variant).toBe("pro");

    // Stored segment memberships: leaving vip shows the next rule's variant.
    expect((await run("u-vip")).variant).toBe("vip");
    await t.db.execute(sql`delete from segment_members where workspace_id = ${ws}::uuid and profile_id = ${await profileOf(t.db, ws, "u-vip")}::uuid`);
    await settleVisitorCache(t.db);
    expect((await run("u-vip")).variant).toBe("pro");

    // A deleted person is forgotten by every targeting key at once.
    expect((await run("u-pro")).variant).toBe("pro");
    await deleteProfile(t.db, ws, await profileOf(t.db, ws, "u-pro"), actor);
    expect((await run("u-pro")).variant).toBe("generic");
  });

  it("counts this process's impressions into a kept visitor's frequency cap exactly once", async () => {
    const served = async () => (await run("a-vip", "banner", true)).reason;
    expect(await served()).toBe("TARGETING_MATCH");
    expect(await served()).toBe("TARGETING_MATCH");
    // Written to the database now; the kept visitor must not count them a second time.
    await flushImpressions();
    await settleVisitorCache(t.db);
    expect(await served()).toBe("TARGETING_MATCH");
    expect(await served()).toBe("DISABLED");
    // Forgotten and reloaded, the database says the same.
    await ingest(t.db, ws, [{ type: "track", anonymousId: "a-vip", event: "Page Viewed" }]);
    await flushImpressions();
    expect(await served()).toBe("DISABLED");
  });

  // Only PostgreSQL serves several processes (PGlite's data directory has one owner), so only there
  // can another process write impressions.
  if (engine === "postgres") it("hears impressions that another server process wrote", async () => {
    expect((await run("u-vip", "banner")).reason).toBe("TARGETING_MATCH");
    expect(stats().entries).toBeGreaterThan(0);
    const other = postgres(process.env.DATABASE_URL!.replace(/\/[^/]*$/, `/${await databaseName(t)}`), { max: 1, connection: { application_name: "tailor other-process" } });
    try {
      await other`insert into impressions (workspace_id, experience_id, variant, targeting_key, at)
                  select e.workspace_id, e.id, 'deal', 'u-vip', now() from experiences e cross join generate_series(1, 3)
                  where e.workspace_id = ${ws}::uuid and e.key = 'capped'`;
    } finally {
      await other.end();
    }
    await settleVisitorCache(t.db);
    expect((await run("u-vip", "banner")).reason).toBe("DISABLED");
  });

  if (engine === "postgres") it("takes another process's change to a live experience at once, not at the next 5 s version check", async () => {
    expect((await run("u-free", "banner")).reason).toBe("TARGETING_MATCH");
    const other = postgres(process.env.DATABASE_URL!.replace(/\/[^/]*$/, `/${await databaseName(t)}`), { max: 1 });
    try {
      await other`update experiences set status = 'paused' where workspace_id = ${ws}::uuid and key = 'capped'`;
      await settleVisitorCache(t.db);
      expect((await run("u-free", "banner")).reason).toBe("DISABLED");
      await other`update experiences set status = 'live' where workspace_id = ${ws}::uuid and key = 'capped'`;
      await settleVisitorCache(t.db);
      expect((await run("u-free", "banner")).reason).toBe("TARGETING_MATCH");
    } finally {
      await other.end();
    }
  });

  if (engine === "postgres") it("forgets everything when its listening connection drops, and hears changes again after", async () => {
    expect((await run("u-free")).variant).toBe("generic");
    expect(stats().entries).toBeGreaterThan(0);
    const killed = await queryRows<{ ok: boolean }>(t.db, sql`select pg_terminate_backend(pid) as ok from pg_stat_activity
      where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`);
    expect(killed.length).toBeGreaterThan(0);
    // postgres.js reconnects and listens again; the cache empties and waits for its ping.
    const until = Date.now() + 10_000;
    while ((stats().entries > 0 || stats().status !== "on") && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(stats()).toMatchObject({ status: "on", entries: 0 });
    expect((await run("u-free")).variant).toBe("generic");
    await t.db.execute(sql`update profiles set traits = traits || '{"plan": "pro"}' where workspace_id = ${ws}::uuid and user_id = 'u-free'`);
    await settleVisitorCache(t.db);
    expect((await run("u-free")).variant).toBe("pro");
  });
});

async function databaseName(t: TestDb): Promise<string> {
  const [row] = await queryRows<{ name: string }>(t.db, sql`select current_database() as name`);
  return row.name;
}
