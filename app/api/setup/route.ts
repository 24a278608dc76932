import { getDb } from "@/db/client";
import { json, parseBody, route } from "@/lib/api/handler";
import { setupOwner, setupOwnerSchema } from "@/lib/auth/setup-owner";

// POST /api/setup — create the owner account and first workspace on a fresh install
export const POST = route(async (request) => {
  const db = await getDb();
  const input = await parseBody(request, setupOwnerSchema);
  const { workspace } = await setupOwner(db, input);
  return json({ workspace: { slug: workspace.slug, name: workspace.name } }, 201);
});
