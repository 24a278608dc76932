import { json, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { auditQuerySchema, listAudit } from "@/lib/audit/list-audit";

// GET /api/v1/audit — who changed what in the workspace, newest first (admins; keyset pages via cursor)
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "admin");
  return json(await listAudit(ctx.db, ctx.workspace.id, parseQuery(request, auditQuerySchema)));
});
