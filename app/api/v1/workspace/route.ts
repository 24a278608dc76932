import { json, parseBody, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { deleteWorkspace, deleteWorkspaceSchema, renameWorkspace, renameWorkspaceSchema } from "@/lib/workspaces/manage";

// GET /api/v1/workspace — the current workspace (name, slug, demo flag)
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  return json({ workspace: ctx.workspace, role: ctx.role });
});

// PATCH /api/v1/workspace — rename the workspace (admins; the slug stays)
export const PATCH = route(async (request) => {
  const ctx = await requireApiContext(request, "admin");
  const { name } = await parseBody(request, renameWorkspaceSchema);
  return json({ workspace: await renameWorkspace(ctx.db, ctx.workspace, ctx.actor, name) });
});

// DELETE /api/v1/workspace — delete the workspace and everything in it (owners; body { confirm: "<slug>" })
export const DELETE = route(async (request) => {
  const ctx = await requireApiContext(request, "owner");
  const { confirm } = await parseBody(request, deleteWorkspaceSchema);
  await deleteWorkspace(ctx.db, ctx.workspace, confirm);
  return json({ deleted: { id: ctx.workspace.id, slug: ctx.workspace.slug } });
});
