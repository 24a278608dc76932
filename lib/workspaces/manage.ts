import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { conversions, eventRollups, experiences, impressions, workspaces, type Workspace } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { createWorkspace, setMembership, workspaceNameSchema } from "./workspaces";

/**
 * Creating, renaming and deleting workspaces. Any signed-in person may create a workspace (they
 * become its owner); admins rename it; only an owner deletes it, naming its slug to confirm.
 */

export const renameWorkspaceSchema = z.object({ name: workspaceNameSchema });
export const deleteWorkspaceSchema = z.object({ confirm: z.string({ error: "Type the workspace's slug as confirm to delete it" }) });

/** A new, empty workspace owned by `userId`. */
export async function createOwnedWorkspace(db: Database, userId: string, actor: Actor, name: string): Promise<Workspace> {
  return db.transaction(async (tx) => {
    const workspace = await createWorkspace(tx, { name });
    await setMembership(tx, { workspaceId: workspace.id, userId, role: "owner" });
    await recordAudit(tx, { workspaceId: workspace.id, actor, action: "workspace.created", entityType: "workspace", entityId: workspace.id, after: { name: workspace.name, slug: workspace.slug } });
    return workspace;
  });
}

/** Renames a workspace; its slug (in URLs and the CLI) stays. */
export async function renameWorkspace(db: Database, workspace: Workspace, actor: Actor, name: string): Promise<Workspace> {
  const parsed = workspaceNameSchema.parse(name);
  if (parsed === workspace.name) return workspace;
  const [row] = await db.update(workspaces).set({ name: parsed }).where(eq(workspaces.id, workspace.id)).returning();
  await recordAudit(db, { workspaceId: workspace.id, actor, action: "workspace.renamed", entityType: "workspace", entityId: workspace.id, before: { name: workspace.name }, after: { name: row.name } });
  return row;
}

/**
 * Deletes a workspace and everything in it — profiles, events, segments, experiences, keys,
 * members' access — in one transaction. `confirm` must be the workspace's slug. Members keep their
 * accounts (and their other workspaces).
 */
export async function deleteWorkspace(db: Database, workspace: Workspace, confirm: string): Promise<void> {
  if (confirm.trim() !== workspace.slug) {
    throw new AppError("validation_failed", `To delete the workspace, type its slug "${workspace.slug}" exactly.`, [{ path: ["confirm"], message: `Type "${workspace.slug}" to confirm` }]);
  }
  await db.transaction(async (tx) => {
    // Tables keyed by workspace without a foreign key to it (written at ingestion speed), and
    // experiences first: they restrict deleting the slots they sit on.
    for (const table of [impressions, conversions, eventRollups, experiences]) await tx.delete(table).where(eq(table.workspaceId, workspace.id));
    await tx.delete(workspaces).where(eq(workspaces.id, workspace.id));
  });
}
