import { json, parseBody, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { listSegments } from "@/lib/segments/list-segments";
import { presentOneSegment, presentSegments } from "@/lib/segments/present-segment";
import { createSegment } from "@/lib/segments/save-segment";
import { createSegmentSchema, listSegmentsQuerySchema } from "@/lib/segments/schemas";
import { getCatalog } from "@/lib/segments/segment-rules";

// GET /api/v1/segments — list segments (search with ?q=, filter with ?tag= and ?status=)
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const query = parseQuery(request, listSegmentsQuerySchema);
  const [rows, catalog] = await Promise.all([listSegments(ctx.db, { workspaceId: ctx.workspace.id, ...query }), getCatalog(ctx.db, ctx.workspace.id)]);
  return json({ data: await presentSegments(ctx.db, ctx.workspace.id, rows, catalog) });
});

// POST /api/v1/segments — create a segment
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "editor");
  const input = await parseBody(request, createSegmentSchema);
  const segment = await createSegment(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, input);
  return json({ segment: await presentOneSegment(ctx.db, segment, await getCatalog(ctx.db, ctx.workspace.id)) }, 201);
});
