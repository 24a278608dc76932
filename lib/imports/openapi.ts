import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
import { importSchema, previewSchema } from "./schemas";

const idParams = z.object({ id: z.uuid() });
const listItem = importSchema.omit({ errors: true }).extend({ errors: z.array(z.never()) });

/** CSV import routes for the OpenAPI document (uploads are multipart/form-data: `file`, and `mapping` as JSON text). */
export const IMPORT_OPERATIONS: Operation[] = [
  { method: "get", path: "/api/v1/imports", summary: "List the latest CSV imports", tag: "Imports", auth: "editor", responses: { 200: { description: "Imports, newest first", schema: z.object({ data: z.array(listItem) }) } } },
  { method: "post", path: "/api/v1/imports/preview", summary: "Preview a CSV (multipart: file): header, first rows, suggested mapping", tag: "Imports", auth: "editor", responses: { 200: { description: "Preview", schema: previewSchema } } },
  { method: "post", path: "/api/v1/imports", summary: "Start a CSV import (multipart: file, mapping); runs in the background", tag: "Imports", auth: "editor", responses: { 202: { description: "The job; poll GET /api/v1/imports/{id}", schema: z.object({ import: importSchema }) } } },
  { method: "get", path: "/api/v1/imports/{id}", summary: "One import: progress and the first 1,000 row errors", tag: "Imports", auth: "editor", params: idParams, responses: { 200: { description: "The job", schema: z.object({ import: importSchema }) } } },
  { method: "get", path: "/api/v1/imports/{id}/errors", summary: "Row errors as CSV (row, column, message)", tag: "Imports", auth: "editor", params: idParams, responses: { 200: { description: "text/csv" } } },
];
