import { json, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";
import { deliveriesQuerySchema } from "@/lib/webhooks/openapi";

// GET /api/v1/webhooks/deliveries — the last 50 deliveries (?webhookId= for one webhook), newest first
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const query = parseQuery(request, deliveriesQuerySchema);
  return json({ data: await listDeliveries(ctx.db, ctx.workspace.id, { webhookId: query.webhookId }) });
});
