import { json, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { intersectionQuerySchema, listIntersectionMembers } from "@/lib/insights/overlap";

// GET /api/v1/insights/overlap/members?a=&b=&cursor= — profiles in both segments, paginated
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const query = parseQuery(request, intersectionQuerySchema);
  return json(await listIntersectionMembers(ctx.db, { workspaceId: ctx.workspace.id, ...query }));
});
