import { ingestPreflight, ingestRoute } from "@/lib/ingest/http/handle-ingest";

// POST /api/v1/batch — Segment-compatible batch of messages (write key; all or nothing)
export const POST = ingestRoute("batch");

// OPTIONS /api/v1/batch — CORS preflight for browsers
export const OPTIONS = ingestPreflight;
