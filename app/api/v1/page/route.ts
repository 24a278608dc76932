import { ingestPreflight, ingestRoute } from "@/lib/ingest/http/handle-ingest";

// POST /api/v1/page — Segment-compatible page call: record a page view (write key)
export const POST = ingestRoute("page");

// OPTIONS /api/v1/page — CORS preflight for browsers
export const OPTIONS = ingestPreflight;
