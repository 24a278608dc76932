import { z } from "zod";
import { json, parseBody, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { deleteWebhook, setWebhookActive } from "@/lib/webhooks/manage-webhooks";
import { updateWebhookSchema } from "@/lib/webhooks/schemas";

type Ctx = { params: Promise<{ id: string }> };
const paramsSchema = z.object({ id: z.uuid() });

// PATCH /api/v1/webhooks/{id} — pause or resume a webhook
export const PATCH = route<Ctx>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "admin");
  const { id } = await parseParams(params, paramsSchema);
  const { active } = await parseBody(request, updateWebhookSchema);
  return json({ webhook: await setWebhookActive(ctx.db, ctx.workspace.id, id, active) });
});

// DELETE /api/v1/webhooks/{id} — delete a webhook and its delivery log
export const DELETE = route<Ctx>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "admin");
  const { id } = await parseParams(params, paramsSchema);
  await deleteWebhook(ctx.db, ctx.workspace.id, id);
  return json({ deleted: id });
});
