/**
 * Node flags of the production server: `tailor start` runs `next start` with them, and so do the
 * benchmarks' servers (`bench/ingest/server.ts`), so they measure what ships.
 *
 * `--heap-growing-percent=800` lets V8's old generation grow to ~9× what survived the previous
 * full collection before it starts the next one, instead of ~1.5–4×. About 25 KB of every Next.js
 * request on Node 20 survives the scavenges and is promoted to the old generation, whatever the
 * route does (Next's request machinery, held until a full collection: docs/personalization.md,
 * "What Next.js keeps per request, bisected"), so under load full collections came every
 * 5–10 s and each held the main thread for 80–250 ms: the p99 of decisions. With this they come
 * every 30–60 s at ~500 requests/s; the heap then peaks at ~0.8 GB instead of ~0.3 GB.
 * docs/personalization.md (Speed, 2026-12-04) has the measurements.
 *
 * `TAILOR_NODE_FLAGS` replaces them (space-separated; empty for none).
 */
export const DEFAULT_SERVER_NODE_FLAGS: readonly string[] = ["--heap-growing-percent=800"];

export function serverNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const set = env.TAILOR_NODE_FLAGS;
  return set === undefined ? [...DEFAULT_SERVER_NODE_FLAGS] : set.split(/\s+/).filter(Boolean);
}
