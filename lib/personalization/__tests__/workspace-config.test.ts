import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import "../register";
import { getWorkspaceConfig, invalidateWorkspaceConfig } from "../workspace-config";
import { liveExperience, seedWorkspace, variant } from "./helpers";

const liveKeys = async (t: TestDb, ws: string) => (await getWorkspaceConfig(t.db, ws)).slots.get("home-hero")!.experiences.map((e) => e.key);

describe.each(testEngines())("workspace config cache on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seedWorkspace(t.db);
    for (const key of ["first", "second"]) {
      await liveExperience(t.db, ws, { key, rules: [], variants: { a: variant(key) }, defaultVariant: "a" });
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps the compiled config while nothing changed, and serves a stale one while another process's change loads", async () => {
    const before = await getWorkspaceConfig(t.db, ws);
    expect(await liveKeys(t, ws)).toEqual(["first", "second"]);
    const start = Date.now();
    // Nothing changed: after the refresh interval the same compiled object is kept.
    vi.spyOn(Date, "now").mockReturnValue(start + 6_000);
    expect(await getWorkspaceConfig(t.db, ws)).toBe(before);
    await new Promise((r) => setTimeout(r, 50));
    expect(await getWorkspaceConfig(t.db, ws)).toBe(before);

    // Another process pauses an experience (no invalidation here): within the interval nothing moves…
    await t.db.execute(sql`update experiences set status = 'paused' where workspace_id = ${ws}::uuid and key = 'second'`);
    expect(await liveKeys(t, ws)).toEqual(["first", "second"]);
    // …after it, the first request still gets the old config at once while the new one loads.
    vi.spyOn(Date, "now").mockReturnValue(start + 12_000);
    expect(await getWorkspaceConfig(t.db, ws)).toBe(before);
    await vi.waitFor(async () => expect(await liveKeys(t, ws)).toEqual(["first"]));
  });

  it("waits for the new config after a write in this process", async () => {
    await t.db.execute(sql`update experiences set status = 'live' where workspace_id = ${ws}::uuid and key = 'second'`);
    invalidateWorkspaceConfig(ws);
    expect(await liveKeys(t, ws)).toEqual(["first", "second"]);
  });
});
