import { z } from "zod";
import { json, parseBody, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { presentExperience, publishExperience } from "@/lib/personalization/experiences";

type Ctx = { params: Promise<{ key: string }> };

// POST /api/v1/experiences/{key}/publish — snapshot the draft as a new version and serve it; warns about overlapping live experiences
export const POST = route<Ctx>(async (request, context) => {
  const ctx = await requireApiContext(request, "editor");
  const { key } = await parseParams(context.params, z.object({ key: z.string().min(1).max(64) }));
  const hasBody = (request.headers.get("content-length") ?? "0") !== "0";
  const { note } = hasBody ? await parseBody(request, z.object({ note: z.string().max(500).optional() })) : { note: undefined };
  const result = await publishExperience(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor }, key, note);
  return json({ experience: presentExperience(result.experience), version: result.version, warnings: result.warnings });
});
