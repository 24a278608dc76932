import { z } from "zod";
import { json, parseParams, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { membersQuerySchema } from "@/lib/segments/schemas";
import { listSegmentMembers } from "@/lib/segments/segment-members";

// GET /api/v1/segments/{key}/members — current members, paginated with ?cursor= and ?limit=
export const GET = route<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(params, z.object({ key: z.string().min(1).max(64) }));
  const query = parseQuery(request, membersQuerySchema);
  return json(await listSegmentMembers(ctx.db, { workspaceId: ctx.workspace.id, key, ...query }));
});
