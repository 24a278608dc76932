import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
import { intersectionQuerySchema } from "./overlap-schemas";

const overlapSchema = z.object({
  segments: z.array(z.object({ key: z.string(), name: z.string(), size: z.number().int() })),
  matrix: z.array(z.array(z.number().int())).describe("matrix[i][j]: profiles in both segments i and j; the diagonal is each segment's size"),
  union: z.number().int().describe("Profiles in at least one of the segments"),
  totalProfiles: z.number().int().describe("Profiles in the workspace"),
  asOf: z.string().describe("When this was counted; answers are cached for 30 seconds"),
});
const member = z.object({ id: z.string(), userId: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable(), country: z.string().nullable() });

/** Segment overlap routes for the OpenAPI document. */
export const INSIGHTS_OVERLAP_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/insights/overlap",
    summary: "Pairwise overlap of 2–8 segments (current stored members)",
    tag: "Insights",
    auth: "viewer",
    query: z.object({
      segments: z.string().describe("2–8 distinct segment keys, comma-separated, e.g. sports-readers,finance-readers"),
      refresh: z.enum(["0", "1", "true", "false"]).optional().describe("1 to recount instead of answering from the 30-second cache"),
    }),
    responses: { 200: { description: "Sizes and the overlap matrix", schema: overlapSchema } },
  },
  {
    method: "get",
    path: "/api/v1/insights/overlap/members",
    summary: "Profiles in both segment a and segment b, paginated by profile id",
    tag: "Insights",
    auth: "viewer",
    query: intersectionQuerySchema,
    responses: { 200: { description: "A page of members", schema: z.object({ data: z.array(member), nextCursor: z.string().nullable() }) } },
  },
];
