import { json, parseBody, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { createSlotSchema } from "@/lib/personalization/schemas";
import { createSlot, listSlots, presentSlot } from "@/lib/personalization/slots";

// GET /api/v1/slots — list slots
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  return json({ data: (await listSlots(ctx.db, ctx.workspace.id)).map(presentSlot) });
});

// POST /api/v1/slots — create a slot
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "editor");
  const input = await parseBody(request, createSlotSchema);
  return json({ slot: presentSlot(await createSlot(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, input)) }, 201);
});
