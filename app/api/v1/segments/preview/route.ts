import { json, parseBody, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { previewRule } from "@/lib/segments/preview-rule";
import { previewRequestSchema } from "@/lib/segments/schemas";
import { parseSubmittedRule } from "@/lib/segments/segment-rules";

// POST /api/v1/segments/preview — exact count, per-condition counts and a sample for an unsaved rule
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const input = await parseBody(request, previewRequestSchema);
  const { rule, catalog, stored } = await parseSubmittedRule(ctx.db, ctx.workspace.id, input.rule, input.segmentKey);
  const result = await previewRule(ctx.db, { workspaceId: ctx.workspace.id, rule, catalog, stored, sampleSize: input.sampleSize, signal: request.signal });
  return json(result);
});
