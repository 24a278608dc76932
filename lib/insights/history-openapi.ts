import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
import { historyQuerySchema, segmentHistorySchema } from "./history-schemas";

/** Segment size history routes for the OpenAPI document. */
export const INSIGHTS_HISTORY_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/segments/{key}/history",
    summary: "Daily size, entries and exits of a segment over the last 1–90 days, from the cache; reports the background backfill while it runs",
    tag: "Insights",
    auth: "viewer",
    params: z.object({ key: z.string() }),
    query: historyQuerySchema,
    responses: { 200: { description: "The cached series and the state of its computation", schema: segmentHistorySchema } },
  },
];
