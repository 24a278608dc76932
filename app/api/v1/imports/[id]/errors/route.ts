import { z } from "zod";
import { parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { importErrorsCsv } from "@/lib/imports/errors-csv";
import { getImport } from "@/lib/imports/list-imports";

type Ctx = { params: Promise<{ id: string }> };

// GET /api/v1/imports/{id}/errors — the row errors as a CSV report (row, column, message)
export const GET = route<Ctx>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "editor");
  const { id } = await parseParams(params, z.object({ id: z.uuid() }));
  const job = await getImport(ctx.db, ctx.workspace.id, id);
  return new Response(importErrorsCsv(job.errors), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="import-${job.id}-errors.csv"`, "cache-control": "no-store" },
  });
});
