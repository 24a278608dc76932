/**
 * The production server the decision benchmark measures: `next build` when `.next` is missing or
 * older than the code on the decision path, then `next start` on a free loopback port against the
 * benchmark database with `TAILOR_BENCH=1` (which enables the bare baseline route).
 */
import fs from "node:fs";
import { build, staleBuildFor, startServer, type RunningServer } from "../ingest/server";

/** Code on the decision path: a build older than any of it is rebuilt. */
const WATCHED = ["app/ofrep", "lib/personalization", "lib/keys", "lib/rules", "lib/ingest/http", "db/client.ts", "db/schema.ts", "next.config.js", "package.json"];

/** Why `.next` must be rebuilt, or null when it is current. */
export function staleBuild(): string | null {
  return staleBuildFor(WATCHED);
}

export { build };

/**
 * Starts `next start` for the benchmark and waits (at most 90 s) until it answers. With
 * `cpuProfileDir`, node runs it with `--cpu-prof` and writes a V8 CPU profile there when the server
 * exits (open it in Chrome DevTools → Performance, or speedscope). `nodeArgs` are further node
 * flags for the server (e.g. V8 GC settings to compare).
 */
export async function startBenchServer(databaseUrl: string, log: (line: string) => void, options: { cpuProfileDir?: string; nodeArgs?: string[] } = {}): Promise<RunningServer> {
  if (options.cpuProfileDir) fs.mkdirSync(options.cpuProfileDir, { recursive: true });
  return startServer(databaseUrl, log, {
    env: { TAILOR_BENCH: "1", TAILOR_WEBHOOKS: "off" },
    nodeArgs: [...(options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : []), ...(options.nodeArgs ?? [])],
    probePath: "/ofrep/v1/evaluate/flags/x",
    timeoutMs: 90_000,
  });
}
