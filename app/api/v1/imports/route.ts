import { json, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { listImports, presentImport } from "@/lib/imports/list-imports";
import { readUpload } from "@/lib/imports/read-upload";
import { startImport } from "@/lib/imports/start-import";

// GET /api/v1/imports — the latest CSV imports, newest first
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "editor");
  return json({ data: await listImports(ctx.db, ctx.workspace.id) });
});

// POST /api/v1/imports — start a CSV import (multipart: file, mapping); 202 with the job, which runs in the background
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "editor");
  const upload = await readUpload(request);
  const { job } = await startImport(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor, ...upload });
  return json({ import: presentImport(job) }, 202);
});
