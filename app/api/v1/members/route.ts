import { json, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { listMembers } from "@/lib/workspaces/workspaces";

// GET /api/v1/members — members of the workspace with their roles
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  return json({ data: await listMembers(ctx.db, ctx.workspace.id) });
});
