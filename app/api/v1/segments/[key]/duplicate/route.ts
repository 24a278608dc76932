import { z } from "zod";
import { json, parseBody, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { presentOneSegment } from "@/lib/segments/present-segment";
import { duplicateSegment } from "@/lib/segments/save-segment";
import { duplicateSegmentSchema } from "@/lib/segments/schemas";
import { getCatalog } from "@/lib/segments/segment-rules";

// POST /api/v1/segments/{key}/duplicate — copy a segment under a new key
export const POST = route<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "editor");
  const { key } = await parseParams(params, z.object({ key: z.string().min(1).max(64) }));
  const input = await parseBody(request, duplicateSegmentSchema);
  const segment = await duplicateSegment(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, key, input);
  return json({ segment: await presentOneSegment(ctx.db, segment, await getCatalog(ctx.db, ctx.workspace.id)) }, 201);
});
