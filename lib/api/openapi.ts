/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with.
 * Each domain adds its operations to `OPERATIONS` in `openapi-operations.ts`.
 */
import { z } from "zod";
import { ERROR_STATUS } from "./errors";

export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  /** Who may call it: an admin key or session with at least this role, or another key kind. */
  auth: "viewer" | "editor" | "admin" | "owner" | "write-key" | "client-key" | "none";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

const errorSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

function schemaOf(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
}

function parametersOf(op: Operation) {
  const list: object[] = [];
  for (const [where, obj] of [["path", op.params], ["query", op.query]] as const) {
    if (!obj) continue;
    for (const [name, field] of Object.entries(obj.shape)) {
      const fieldSchema = field as z.ZodType;
      list.push({ name, in: where, required: where === "path" || !fieldSchema.safeParse(undefined).success, schema: schemaOf(fieldSchema, "input") });
    }
  }
  return list;
}

const SECURITY: Record<Operation["auth"], object[]> = {
  viewer: [{ adminKey: [] }, { session: [] }],
  editor: [{ adminKey: [] }, { session: [] }],
  admin: [{ adminKey: [] }, { session: [] }],
  owner: [{ session: [] }],
  "write-key": [{ writeKey: [] }],
  "client-key": [{ clientKey: [] }],
  none: [],
};

/** Builds the document for a list of operations. */
export function buildOpenApiDocument(operations: readonly Operation[], serverUrl: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of operations) {
    const responses: Record<string, object> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = r.schema ? { description: r.description, content: { "application/json": { schema: schemaOf(r.schema, "output") } } } : { description: r.description };
    }
    responses.default = { description: "Error", content: { "application/json": { schema: schemaOf(errorSchema, "output") } } };
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      security: SECURITY[op.auth],
      "x-required-role": op.auth,
      parameters: parametersOf(op),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Tailor API", version: "1", description: "Management, ingestion and decision APIs of Tailor." },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        adminKey: { type: "http", scheme: "bearer", description: "An admin API key from Settings → API keys" },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
        writeKey: { type: "http", scheme: "basic", description: "A write key as the user name, empty password (as Segment clients send it)" },
        clientKey: { type: "http", scheme: "bearer", description: "A client key" },
      },
    },
    paths,
  };
}
