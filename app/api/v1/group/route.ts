import { ingestPreflight, ingestRoute } from "@/lib/ingest/http/handle-ingest";

// POST /api/v1/group — Segment-compatible group call: associate the user with a group (write key)
export const POST = ingestRoute("group");

// OPTIONS /api/v1/group — CORS preflight for browsers
export const OPTIONS = ingestPreflight;
