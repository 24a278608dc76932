import { ingestPreflight, ingestRoute } from "@/lib/ingest/http/handle-ingest";

// POST /api/v1/alias — Segment-compatible alias call: merge a previous id into a userId (write key)
export const POST = ingestRoute("alias");

// OPTIONS /api/v1/alias — CORS preflight for browsers
export const OPTIONS = ingestPreflight;
