import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { createUser } from "@/lib/auth/create-user";
import { createWorkspace, getRole, listUserWorkspaces, setMembership, slugify } from "./workspaces";

describe("slugify", () => {
  it.each([
    ["Acme News & Shop", "acme-news-shop"],
    ["  Café Crème  ", "cafe-creme"],
    ["'; drop table workspaces; --", "drop-table-workspaces"],
    ["%%%", "workspace"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
  ])("%s → %s", (name, slug) => expect(slugify(name)).toBe(slug));
});

describe.each(testEngines())("workspaces on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("gives every workspace a unique slug", async () => {
    const first = await createWorkspace(t.db, { name: "Shop" });
    const second = await createWorkspace(t.db, { name: "Shop" });
    expect([first.slug, second.slug]).toEqual(["shop", "shop-2"]);
  });

  it("tracks roles per workspace", async () => {
    const user = await createUser(t.db, { email: "Ana@Example.com", name: "Ana", password: "long-enough" });
    expect(user.email).toBe("ana@example.com");
    const w1 = await createWorkspace(t.db, { name: "One" });
    const w2 = await createWorkspace(t.db, { name: "Two" });
    await setMembership(t.db, { workspaceId: w1.id, userId: user.id, role: "viewer" });
    await setMembership(t.db, { workspaceId: w1.id, userId: user.id, role: "editor" });
    expect(await getRole(t.db, w1.id, user.id)).toBe("editor");
    expect(await getRole(t.db, w2.id, user.id)).toBeNull();
    expect((await listUserWorkspaces(t.db, user.id)).map((w) => w.slug)).toEqual(["one"]);
    await expect(createUser(t.db, { email: "ana@example.com", name: "Again", password: "long-enough" })).rejects.toMatchObject({ code: "conflict" });
  });
});
