import { z } from "zod";
import { json, parseBody, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { createExperience, listExperiences, presentExperience } from "@/lib/personalization/experiences";

// GET /api/v1/experiences — list experiences (?slot= to filter)
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const query = parseQuery(request, z.object({ slot: z.string().max(64).optional() }));
  return json({ data: (await listExperiences(ctx.db, ctx.workspace.id, query)).map(presentExperience) });
});

// POST /api/v1/experiences — create a draft experience
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "editor");
  const body = await parseBody(request, z.unknown());
  return json({ experience: presentExperience(await createExperience(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, body)) }, 201);
});
