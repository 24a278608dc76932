import { ingestPreflight, ingestRoute } from "@/lib/ingest/http/handle-ingest";

// POST /api/v1/screen — Segment-compatible screen call: record an app screen view (write key)
export const POST = ingestRoute("screen");

// OPTIONS /api/v1/screen — CORS preflight for browsers
export const OPTIONS = ingestPreflight;
