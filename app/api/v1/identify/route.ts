import { ingestPreflight, ingestRoute } from "@/lib/ingest/http/handle-ingest";

// POST /api/v1/identify — Segment-compatible identify call: set traits and link ids (write key)
export const POST = ingestRoute("identify");

// OPTIONS /api/v1/identify — CORS preflight for browsers
export const OPTIONS = ingestPreflight;
