import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
import { createSegmentSchema, duplicateSegmentSchema, listSegmentsQuerySchema, membersQuerySchema, previewRequestSchema, previewResponseSchema, segmentSchema, updateSegmentSchema } from "./schemas";

const keyParams = z.object({ key: z.string() });
const one = z.object({ segment: segmentSchema.extend({ summary: z.string() }) });
const member = z.object({ id: z.string(), userId: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable(), country: z.string().nullable() });

/** Segment routes for the OpenAPI document. */
export const SEGMENT_OPERATIONS: Operation[] = [
  { method: "get", path: "/api/v1/segments", summary: "List segments", tag: "Segments", auth: "viewer", query: listSegmentsQuerySchema, responses: { 200: { description: "Segments", schema: z.object({ data: z.array(segmentSchema) }) } } },
  { method: "post", path: "/api/v1/segments", summary: "Create a segment", tag: "Segments", auth: "editor", body: createSegmentSchema, responses: { 201: { description: "Created", schema: one } } },
  { method: "post", path: "/api/v1/segments/preview", summary: "Count an unsaved rule: exact count, per-condition counts, sample", tag: "Segments", auth: "viewer", body: previewRequestSchema, responses: { 200: { description: "Preview", schema: previewResponseSchema } } },
  { method: "get", path: "/api/v1/segments/{key}", summary: "Get a segment", tag: "Segments", auth: "viewer", params: keyParams, responses: { 200: { description: "The segment", schema: one } } },
  { method: "patch", path: "/api/v1/segments/{key}", summary: "Change a segment (new version); status archived archives it", tag: "Segments", auth: "editor", params: keyParams, body: updateSegmentSchema, responses: { 200: { description: "Updated", schema: one } } },
  { method: "delete", path: "/api/v1/segments/{key}", summary: "Delete a segment nothing uses", tag: "Segments", auth: "editor", params: keyParams, responses: { 200: { description: "Deleted", schema: z.object({ deleted: z.string() }) } } },
  { method: "post", path: "/api/v1/segments/{key}/duplicate", summary: "Duplicate a segment", tag: "Segments", auth: "editor", params: keyParams, body: duplicateSegmentSchema, responses: { 201: { description: "The copy", schema: one } } },
  { method: "get", path: "/api/v1/segments/{key}/versions", summary: "Version history with changes", tag: "Segments", auth: "viewer", params: keyParams, responses: { 200: { description: "Versions, newest first" } } },
  { method: "get", path: "/api/v1/segments/{key}/members", summary: "Current members, paginated", tag: "Segments", auth: "viewer", params: keyParams, query: membersQuerySchema, responses: { 200: { description: "A page of members", schema: z.object({ data: z.array(member), nextCursor: z.string().nullable() }) } } },
  { method: "get", path: "/api/v1/segments/{key}/export", summary: "All current members as CSV (streamed)", tag: "Segments", auth: "viewer", params: keyParams, responses: { 200: { description: "text/csv" } } },
  { method: "get", path: "/api/v1/catalog", summary: "Fields, events and segments rules can use", tag: "Segments", auth: "viewer", responses: { 200: { description: "The catalog" } } },
];
