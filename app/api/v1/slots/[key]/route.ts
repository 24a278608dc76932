import { z } from "zod";
import { json, parseBody, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { deleteSlot, getSlotByKey, presentSlot, updateSlot } from "@/lib/personalization/slots";

type Ctx = { params: Promise<{ key: string }> };
const params = z.object({ key: z.string().min(1).max(64) });

// GET /api/v1/slots/{key} — one slot
export const GET = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(context.params, params);
  return json({ slot: presentSlot(await getSlotByKey(ctx.db, ctx.workspace.id, key)) });
});

// PATCH /api/v1/slots/{key} — rename, change channel or fields (must still fit existing content)
export const PATCH = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "editor");
  const { key } = await parseParams(context.params, params);
  const patch = await parseBody(request, z.record(z.string(), z.unknown()));
  return json({ slot: presentSlot(await updateSlot(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, key, patch)) });
});

// DELETE /api/v1/slots/{key} — delete a slot no experience uses
export const DELETE = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "editor");
  const { key } = await parseParams(context.params, params);
  await deleteSlot(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, key);
  return json({ deleted: key });
});
