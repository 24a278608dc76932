import { z } from "zod";
import { json, parseParams, parseQuery, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { experienceResultsQuerySchema, getCachedExperienceResults } from "@/lib/insights/experience-results";

type Ctx = { params: Promise<{ key: string }> };
const params = z.object({ key: z.string().min(1).max(64) });

// GET /api/v1/experiences/{key}/results — visitors, conversions and lift over the holdout per variant, with a daily series
export const GET = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(context.params, params);
  const query = parseQuery(request, experienceResultsQuerySchema);
  const results = await getCachedExperienceResults(ctx.db, {
    workspaceId: ctx.workspace.id,
    experienceKey: key,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  });
  return json(results);
});
