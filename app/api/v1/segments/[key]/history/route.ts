import { z } from "zod";
import { json, parseParams, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { historyQuerySchema } from "@/lib/insights/history-schemas";
import { getSegmentSizeHistory } from "@/lib/insights/segment-size-history";

// GET /api/v1/segments/{key}/history — daily size, entries and exits (cached; queues the backfill when missing)
export const GET = route<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(params, z.object({ key: z.string().min(1).max(64) }));
  const { days } = parseQuery(request, historyQuerySchema);
  return json(await getSegmentSizeHistory(ctx.db, { workspaceId: ctx.workspace.id, key, days }));
});
