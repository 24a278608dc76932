import "@/lib/personalization/register"; // segments used by experiences cannot be deleted
import { z } from "zod";
import { json, parseBody, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { presentOneSegment } from "@/lib/segments/present-segment";
import { updateSegment } from "@/lib/segments/save-segment";
import { updateSegmentSchema } from "@/lib/segments/schemas";
import { getCatalog, getSegmentByKey } from "@/lib/segments/segment-rules";

type Ctx = { params: Promise<{ key: string }> };
const paramsSchema = z.object({ key: z.string().min(1).max(64) });

// GET /api/v1/segments/{key} — one segment with its rule in plain English
export const GET = route<Ctx>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(params, paramsSchema);
  const segment = await getSegmentByKey(ctx.db, ctx.workspace.id, key);
  return json({ segment: await presentOneSegment(ctx.db, segment, await getCatalog(ctx.db, ctx.workspace.id)) });
});

// PATCH /api/v1/segments/{key} — change name, description, tags, rule or status (archive); makes a new version
export const PATCH = route<Ctx>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "editor");
  const { key } = await parseParams(params, paramsSchema);
  const input = await parseBody(request, updateSegmentSchema);
  const segment = await updateSegment(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, key, input);
  return json({ segment: await presentOneSegment(ctx.db, segment, await getCatalog(ctx.db, ctx.workspace.id)) });
});

// DELETE /api/v1/segments/{key} — delete a segment nothing uses
export const DELETE = route<Ctx>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "editor");
  const { key } = await parseParams(params, paramsSchema);
  await deleteSegment(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, key);
  return json({ deleted: key });
});
