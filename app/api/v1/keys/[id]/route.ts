import { z } from "zod";
import { json, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { recordAudit } from "@/lib/audit/record-audit";
import { revokeApiKey } from "@/lib/keys/api-keys";

const paramsSchema = z.object({ id: z.string().uuid() });

// DELETE /api/v1/keys/{id} — revoke a key; it stops working at once
export const DELETE = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "admin");
  const { id } = await parseParams(params, paramsSchema);
  const key = await revokeApiKey(ctx.db, ctx.workspace.id, id);
  await recordAudit(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor, action: "api_key.revoked", entityType: "api_key", entityId: id, after: key });
  return json({ key });
});
