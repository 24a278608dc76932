import { json, parseQuery, route } from "@/lib/api/handler";
import { z } from "zod";
import { requireApiContext } from "@/lib/auth/context";
import { getCatalog } from "@/lib/segments/segment-rules";

// GET /api/v1/catalog — traits, context fields, events and segments a rule can refer to (?fresh=1 rediscovers)
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  const { fresh } = parseQuery(request, z.object({ fresh: z.enum(["0", "1"]).optional() }));
  return json(await getCatalog(ctx.db, ctx.workspace.id, { fresh: fresh === "1" }));
});
