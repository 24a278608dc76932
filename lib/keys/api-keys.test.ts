import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { createApiKey, hashApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "./api-keys";
import { apiKeys } from "@/db/schema";

describe.each(testEngines())("API keys on %s", (engine) => {
  let t: TestDb;
  let a: string;
  let b: string;
  beforeAll(async () => {
    t = await createTestDb(engine);
    a = (await createWorkspace(t.db, { name: "Acme" })).id;
    b = (await createWorkspace(t.db, { name: "Beta" })).id;
  });
  afterAll(async () => t?.close());

  it("stores only a hash and verifies the secret for its kind", async () => {
    const key = await createApiKey(t.db, { workspaceId: a, kind: "admin", name: "ops" });
    expect(key.secret).toMatch(/^ta_[A-Za-z0-9_-]{32}$/);
    const stored = await t.db.select().from(apiKeys);
    expect(JSON.stringify(stored)).not.toContain(key.secret);
    expect(stored.find((k) => k.id === key.id)?.hash).toBe(hashApiKey(key.secret));
    expect((await verifyApiKey(t.db, key.secret, ["admin"]))?.workspace.id).toBe(a);
    expect(await verifyApiKey(t.db, key.secret, ["write", "client"])).toBeNull();
    expect(await verifyApiKey(t.db, `${key.secret}x`, ["admin"])).toBeNull();
  });

  it("revokes within its workspace only, and a revoked key stops working", async () => {
    const key = await createApiKey(t.db, { workspaceId: a, kind: "write" });
    await expect(revokeApiKey(t.db, b, key.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await verifyApiKey(t.db, key.secret, ["write"])).not.toBeNull();
    const revoked = await revokeApiKey(t.db, a, key.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await verifyApiKey(t.db, key.secret, ["write"])).toBeNull();
    expect((await listApiKeys(t.db, b)).map((k) => k.id)).not.toContain(key.id);
  });
});
