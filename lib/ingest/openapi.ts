import type { Operation } from "@/lib/api/openapi";
import { batchDocSchema, ingestSuccessSchema, messageDocSchema } from "./schemas";

const ok = { 200: { description: "Stored (duplicates by messageId are accepted and ignored)", schema: ingestSuccessSchema } };

const single = (type: string, summary: string): Operation => ({
  method: "post",
  path: `/api/v1/${type}`,
  summary,
  tag: "Ingestion",
  auth: "write-key",
  body: messageDocSchema,
  responses: ok,
});

/** The Segment-compatible ingestion endpoints (see docs/ingestion.md). */
export const INGEST_OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/api/v1/batch",
    summary: "Send a batch of Segment messages (all or nothing; ≤ 500 KB, each ≤ 32 KB)",
    tag: "Ingestion",
    auth: "write-key",
    body: batchDocSchema,
    responses: ok,
  },
  single("track", "Record an event"),
  single("identify", "Set traits and link a userId to an anonymousId"),
  single("page", "Record a page view (stored as \"Page Viewed\")"),
  single("screen", "Record a screen view (stored as \"Screen Viewed\")"),
  single("group", "Associate the user with a group"),
  single("alias", "Merge a previous id into a userId"),
];
