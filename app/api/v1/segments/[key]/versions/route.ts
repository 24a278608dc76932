import { z } from "zod";
import { json, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { listSegmentVersions } from "@/lib/segments/list-segments";

// GET /api/v1/segments/{key}/versions — every version, newest first, with what changed
export const GET = route<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(params, z.object({ key: z.string().min(1).max(64) }));
  return json({ data: await listSegmentVersions(ctx.db, ctx.workspace.id, key) });
});
