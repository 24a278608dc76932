import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { listApiKeys, revokeApiKey, verifyApiKey } from "@/lib/keys/api-keys";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { demoKeySecret, ensureDemoKeys, findDemoWorkspace, getDemoKeys } from "./demo-keys";

describe.each(testEngines())("demo keys on %s", (engine) => {
  let t: TestDb;
  let demo: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestDb(engine);
    other = (await createWorkspace(t.db, { name: "Real shop" })).id;
    demo = (await createWorkspace(t.db, { name: "Acme News & Shop", isDemo: true })).id;
  });
  afterAll(async () => t?.close());

  it("derives stable, workspace- and secret-specific keys shaped like random ones", () => {
    const write = demoKeySecret(demo, "write", "s".repeat(32));
    expect(write).toMatch(/^tw_[A-Za-z0-9_-]{32}$/);
    expect(demoKeySecret(demo, "client", "s".repeat(32))).toMatch(/^tc_[A-Za-z0-9_-]{32}$/);
    expect(demoKeySecret(demo, "write", "s".repeat(32))).toBe(write);
    expect(demoKeySecret(other, "write", "s".repeat(32))).not.toBe(write);
    expect(demoKeySecret(demo, "write", "t".repeat(32))).not.toBe(write);
  });

  it("creates the derived keys once; verifyApiKey accepts each for its own kind only", async () => {
    expect(await findDemoWorkspace(t.db)).toMatchObject({ id: demo });
    expect((await getDemoKeys(t.db, demo)).write.state).toBe("missing");
    const keys = await ensureDemoKeys(t.db, demo);
    await ensureDemoKeys(t.db, demo);
    expect((await listApiKeys(t.db, demo)).map((k) => k.name).sort()).toEqual(["Demo site (client)", "Demo site (write)"]);
    expect((await verifyApiKey(t.db, keys.write.secret, ["write"]))?.workspace.id).toBe(demo);
    expect((await verifyApiKey(t.db, keys.client.secret, ["client"]))?.workspace.id).toBe(demo);
    expect(await verifyApiKey(t.db, keys.client.secret, ["write", "admin"])).toBeNull();
    expect(await getDemoKeys(t.db, other)).toMatchObject({ write: { state: "missing" }, client: { state: "missing" } });
  });

  it("a revoked demo key stays revoked", async () => {
    const [client] = (await listApiKeys(t.db, demo)).filter((k) => k.kind === "client");
    await revokeApiKey(t.db, demo, client.id);
    const keys = await ensureDemoKeys(t.db, demo);
    expect(keys.client.state).toBe("revoked");
    expect(keys.write.state).toBe("ok");
    expect(await verifyApiKey(t.db, keys.client.secret, ["client"])).toBeNull();
    expect(await listApiKeys(t.db, demo)).toHaveLength(2);
  });
});
