import { json, parseParams, route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { requireApiContext } from "@/lib/auth/context";
import { deleteProfile } from "@/lib/profiles/delete-profile";
import { getProfile } from "@/lib/profiles/get-profile";
import { resolveProfileId } from "@/lib/profiles/resolve-profile-id";
import { profileKeyParamsSchema } from "@/lib/profiles/schemas";

type Context = { params: Promise<{ id: string }> };

// GET /api/v1/profiles/{id} — one profile by userId, anonymousId or uuid
export const GET = route<Context>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "viewer");
  const { id } = await parseParams(params, profileKeyParamsSchema);
  const profile = await getProfile(ctx.db, ctx.workspace.id, id);
  if (!profile) throw notFound("Profile", id);
  return json(profile);
});

// DELETE /api/v1/profiles/{id} — delete a person: profile, identities, events and rollups
export const DELETE = route<Context>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "editor");
  const { id } = await parseParams(params, profileKeyParamsSchema);
  const profileId = await resolveProfileId(ctx.db, ctx.workspace.id, id);
  const deleted = profileId ? await deleteProfile(ctx.db, ctx.workspace.id, profileId, ctx.actor) : null;
  if (!deleted) throw notFound("Profile", id);
  return json({ deleted });
});
