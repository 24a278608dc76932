import { json, parseBody, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { renderPreview, renderPreviewSchema } from "@/lib/personalization/render-preview";

// POST /api/v1/personalization/render-preview — render unsaved variant content for one visitor (values and per-field errors)
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const input = await parseBody(request, renderPreviewSchema);
  return json(await renderPreview(ctx.db, ctx.workspace.id, input));
});
