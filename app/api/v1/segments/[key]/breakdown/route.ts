import { z } from "zod";
import { json, parseParams, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { breakdownQuerySchema, getSegmentBreakdown } from "@/lib/insights/breakdown";

// GET /api/v1/segments/{key}/breakdown?by=traits.country — members vs all profiles by one field, with an index
export const GET = route<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(params, z.object({ key: z.string().min(1).max(64) }));
  const query = parseQuery(request, breakdownQuerySchema);
  return json(await getSegmentBreakdown(ctx.db, { workspaceId: ctx.workspace.id, segmentKey: key, ...query }));
});
