import { z } from "zod";
import { json, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { listExperienceVersions } from "@/lib/personalization/experiences";

type Ctx = { params: Promise<{ key: string }> };

// GET /api/v1/experiences/{key}/versions — published versions, newest first
export const GET = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(context.params, z.object({ key: z.string().min(1).max(64) }));
  return json({ data: await listExperienceVersions(ctx.db, ctx.workspace.id, key) });
});
