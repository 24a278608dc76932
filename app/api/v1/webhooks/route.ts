import { json, parseBody, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { createWebhookSchema } from "@/lib/webhooks/schemas";

// GET /api/v1/webhooks — webhooks of the workspace (never their secrets)
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  return json({ data: await listWebhooks(ctx.db, ctx.workspace.id) });
});

// POST /api/v1/webhooks — create a webhook; the signing secret is returned once
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "admin");
  const input = await parseBody(request, createWebhookSchema);
  return json(await createWebhook(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, input), 201);
});
