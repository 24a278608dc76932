import "@/lib/personalization/register";
import { json, parseBody, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { previewDecisions } from "@/lib/personalization/preview";
import { previewRequestSchema } from "@/lib/personalization/preview-schemas";

// POST /api/v1/preview — every slot as one visitor would see it (a profile, a segment's typical member or a composed visitor), with the reasons; records nothing
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const input = await parseBody(request, previewRequestSchema);
  return json(await previewDecisions(ctx.db, ctx.workspace.id, input));
});
