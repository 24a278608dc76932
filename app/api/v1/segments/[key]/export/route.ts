import { z } from "zod";
import { parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { exportSegmentMembersCsv } from "@/lib/segments/segment-members";
import { getSegmentByKey } from "@/lib/segments/segment-rules";

// GET /api/v1/segments/{key}/export — all current members as CSV, streamed
export const GET = route<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(params, z.object({ key: z.string().min(1).max(64) }));
  await getSegmentByKey(ctx.db, ctx.workspace.id, key);
  const stream = exportSegmentMembersCsv(ctx.db, { workspaceId: ctx.workspace.id, key });
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="segment-${key}.csv"`, "cache-control": "no-store" },
  });
});
