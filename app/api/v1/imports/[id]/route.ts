import { z } from "zod";
import { json, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { getImport, presentImport } from "@/lib/imports/list-imports";

type Ctx = { params: Promise<{ id: string }> };

// GET /api/v1/imports/{id} — one import with its progress and first 1,000 row errors (poll it)
export const GET = route<Ctx>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "editor");
  const { id } = await parseParams(params, z.object({ id: z.uuid() }));
  return json({ import: presentImport(await getImport(ctx.db, ctx.workspace.id, id)) });
});
