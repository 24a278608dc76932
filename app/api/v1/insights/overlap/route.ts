import { json, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { getSegmentOverlap, overlapQuerySchema } from "@/lib/insights/overlap";

// GET /api/v1/insights/overlap?segments=a,b,c[&refresh=1] — pairwise overlap of 2–8 segments (cached 30 s)
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const { segments, refresh } = parseQuery(request, overlapQuerySchema);
  return json(await getSegmentOverlap(ctx.db, { workspaceId: ctx.workspace.id, keys: segments, refresh }));
});
