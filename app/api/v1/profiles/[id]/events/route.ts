import { json, parseParams, parseQuery, route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { requireApiContext } from "@/lib/auth/context";
import { listProfileEvents } from "@/lib/profiles/list-profile-events";
import { resolveProfileId } from "@/lib/profiles/resolve-profile-id";
import { listProfileEventsQuerySchema, profileKeyParamsSchema } from "@/lib/profiles/schemas";

// GET /api/v1/profiles/{id}/events?cursor=&limit=&event= — a profile's events, newest first
export const GET = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "viewer");
  const { id } = await parseParams(params, profileKeyParamsSchema);
  const query = parseQuery(request, listProfileEventsQuerySchema);
  const profileId = await resolveProfileId(ctx.db, ctx.workspace.id, id);
  if (!profileId) throw notFound("Profile", id);
  return json(await listProfileEvents(ctx.db, ctx.workspace.id, profileId, query));
});
