import { json, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { searchProfilesQuerySchema } from "@/lib/profiles/schemas";
import { searchProfiles } from "@/lib/profiles/search-profiles";

// GET /api/v1/profiles?q=&cursor=&limit= — search profiles by id, email or any trait, most recently seen first
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const query = parseQuery(request, searchProfilesQuerySchema);
  return json(await searchProfiles(ctx.db, ctx.workspace.id, query));
});
