import { ingestPreflight, ingestRoute } from "@/lib/ingest/http/handle-ingest";

// POST /api/v1/track — Segment-compatible track call: record an event (write key)
export const POST = ingestRoute("track");

// OPTIONS /api/v1/track — CORS preflight for browsers
export const OPTIONS = ingestPreflight;
