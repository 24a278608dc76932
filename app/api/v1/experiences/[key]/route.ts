import "@/lib/personalization/register";
import { z } from "zod";
import { json, parseBody, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { deleteExperience, getExperienceByKey, presentExperience, updateExperience } from "@/lib/personalization/experiences";

type Ctx = { params: Promise<{ key: string }> };
const params = z.object({ key: z.string().min(1).max(64) });

// GET /api/v1/experiences/{key} — one experience (its draft, status and published version)
export const GET = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "viewer");
  const { key } = await parseParams(context.params, params);
  return json({ experience: presentExperience(await getExperienceByKey(ctx.db, ctx.workspace.id, key)) });
});

// PATCH /api/v1/experiences/{key} — edit the draft; `status: "paused" | "draft"` stops serving it
export const PATCH = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "editor");
  const { key } = await parseParams(context.params, params);
  const body = await parseBody(request, z.unknown());
  return json({ experience: presentExperience(await updateExperience(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, key, body)) });
});

// DELETE /api/v1/experiences/{key} — delete an experience (impressions and conversions are kept)
export const DELETE = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "editor");
  const { key } = await parseParams(context.params, params);
  await deleteExperience(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, key);
  return json({ deleted: key });
});
