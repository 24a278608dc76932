import { json, route } from "@/lib/api/handler";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/openapi-operations";

// GET /api/v1/openapi.json — the OpenAPI 3.1 description of every route
export const GET = route(async (request) => {
  const origin = new URL(request.url).origin;
  return json(buildOpenApiDocument(OPERATIONS, origin));
});
