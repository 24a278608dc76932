import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/db/schema";
import { createUser, getUserByEmail } from "@/lib/auth/create-user";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { addMember, changeMemberRole, removeMember } from "./members";
import { createWorkspace, getRole, listMembers, setMembership } from "./workspaces";

const owner = { role: "owner" as Role };
const admin = { role: "admin" as Role };

describe.each(testEngines())("workspace members on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  /** A workspace with one owner, one admin and one editor. */
  async function team(name: string) {
    const workspace = await createWorkspace(t.db, { name });
    const ids: Record<string, string> = {};
    for (const role of ["owner", "admin", "editor"] as Role[]) {
      const user = await createUser(t.db, { email: `${role}@${workspace.slug}.test`, name: role, password: "long-enough" });
      await setMembership(t.db, { workspaceId: workspace.id, userId: user.id, role });
      ids[role] = user.id;
    }
    return { workspace, ids };
  }

  it("adds a new person with an initial password, an existing account without one, and refuses what it cannot do", async () => {
    const { workspace } = await team("Adds");
    const w = workspace.id;

    // No account yet and no password: a field error, and nothing is created.
    await expect(addMember(t.db, w, admin, { email: "new@adds.test", role: "editor" })).rejects.toMatchObject({ code: "validation_failed", details: [{ path: ["password"] }] });
    expect(await getUserByEmail(t.db, "new@adds.test")).toBeNull();

    const added = await addMember(t.db, w, admin, { email: " New@Adds.test ", role: "editor", password: "first-password" });
    expect(added).toMatchObject({ createdAccount: true, member: { email: "new@adds.test", name: "new", role: "editor" } });
    await expect(addMember(t.db, w, admin, { email: "new@adds.test", role: "viewer" })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already a member (editor)") });

    // Someone with an account in another workspace joins with it: no password asked, none changed.
    const other = await createWorkspace(t.db, { name: "Elsewhere" });
    const existing = await addMember(t.db, other.id, owner, { email: "new@adds.test", role: "viewer" });
    expect(existing).toMatchObject({ createdAccount: false, member: { userId: added.member.userId, role: "viewer" } });
    expect(await getRole(t.db, w, added.member.userId)).toBe("editor");

    // Only an owner makes owners.
    await expect(addMember(t.db, w, admin, { email: "boss@adds.test", role: "owner", password: "long-enough" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await getUserByEmail(t.db, "boss@adds.test")).toBeNull();
    expect((await addMember(t.db, w, owner, { email: "boss@adds.test", role: "owner", password: "long-enough" })).member.role).toBe("owner");
  });

  it.each([
    // actor, target, new role → error code or the role that results
    ["admin", "editor", "viewer", "viewer"],
    ["admin", "editor", "admin", "admin"],
    ["admin", "editor", "owner", "forbidden"],
    ["admin", "owner", "admin", "forbidden"],
    ["owner", "editor", "owner", "owner"],
    ["owner", "owner", "admin", "conflict"], // the only owner keeps the role
    ["owner", "admin", "admin", "admin"], // no change is fine
  ] as const)("%s changes the %s to %s → %s", async (actor, target, role, outcome) => {
    const { workspace, ids } = await team(`Roles ${actor} ${target} ${role}`);
    const run = changeMemberRole(t.db, workspace.id, { role: actor }, ids[target], role);
    if (outcome === "forbidden" || outcome === "conflict") {
      await expect(run).rejects.toMatchObject({ code: outcome });
      expect(await getRole(t.db, workspace.id, ids[target])).toBe(target);
    } else {
      expect((await run).member.role).toBe(outcome);
      expect(await getRole(t.db, workspace.id, ids[target])).toBe(outcome);
    }
  });

  it("removes members but never the last owner, and an owner only by an owner", async () => {
    const { workspace, ids } = await team("Removes");
    const w = workspace.id;
    await expect(removeMember(t.db, w, admin, ids.owner)).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeMember(t.db, w, owner, ids.owner)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("only owner") });
    await expect(removeMember(t.db, w, admin, "no-such-user")).rejects.toMatchObject({ code: "not_found" });
    expect((await removeMember(t.db, w, admin, ids.editor)).role).toBe("editor");
    expect((await listMembers(t.db, w)).map((m) => m.role).sort()).toEqual(["admin", "owner"]);
    // The account stays: it can be added again.
    expect((await addMember(t.db, w, admin, { email: `editor@${workspace.slug}.test`, role: "viewer" })).createdAccount).toBe(false);

    // With a second owner, either may go — but two demotions at once still leave one owner.
    await changeMemberRole(t.db, w, owner, ids.admin, "owner");
    const results = await Promise.allSettled([changeMemberRole(t.db, w, owner, ids.owner, "admin"), changeMemberRole(t.db, w, owner, ids.admin, "editor")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect((await listMembers(t.db, w)).filter((m) => m.role === "owner")).toHaveLength(1);
  });
});
