import { json, parseBody, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { recordAudit } from "@/lib/audit/record-audit";
import { createApiKey, createKeySchema, listApiKeys } from "@/lib/keys/api-keys";

// GET /api/v1/keys — list the workspace's API keys (never their secrets)
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  return json({ data: await listApiKeys(ctx.db, ctx.workspace.id) });
});

// POST /api/v1/keys — create a key; the secret is in this response only
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "admin");
  const input = await parseBody(request, createKeySchema);
  const { secret, ...key } = await createApiKey(ctx.db, { workspaceId: ctx.workspace.id, ...input, createdBy: ctx.actor.id });
  await recordAudit(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor, action: "api_key.created", entityType: "api_key", entityId: key.id, after: key });
  return json({ key, secret }, 201);
});
