import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { createWorkspace, countUsers, setMembership, workspaceNameSchema } from "@/lib/workspaces/workspaces";
import { createUser, newUserSchema } from "./create-user";

export const setupOwnerSchema = newUserSchema.extend({ workspaceName: workspaceNameSchema });

/**
 * First start of a production install: creates the owner account and the first workspace.
 * Refused once any user exists, so the page cannot be used to take over an install.
 */
export async function setupOwner(db: Database, input: z.input<typeof setupOwnerSchema>) {
  const data = setupOwnerSchema.parse(input);
  if ((await countUsers(db)) > 0) {
    throw new AppError("conflict", "Tailor is already set up. Sign in, or ask the owner for an account.");
  }
  const user = await createUser(db, data);
  const workspace = await createWorkspace(db, { name: data.workspaceName });
  await setMembership(db, { workspaceId: workspace.id, userId: user.id, role: "owner" });
  await recordAudit(db, {
    workspaceId: workspace.id,
    actor: { id: `user:${user.id}`, label: user.email },
    action: "workspace.created",
    entityType: "workspace",
    entityId: workspace.id,
    after: { name: workspace.name, slug: workspace.slug },
  });
  return { user, workspace };
}
