/**
 * `npx tsx --conditions=react-server bench/ingest/storage-ab.ts [--clients 6] [--rounds 2] [--seconds 10]`
 *
 * The storage layer alone, without HTTP and Next.js: closed-loop in-process clients call
 * `ingestBatch` with validated batches of 100 realistic messages (the HTTP benchmark's traffic),
 * alternating one transaction per batch, group commit with one writer and group commit with the
 * default writers in rounds of `--seconds`, so every mode sees the same machine load. Membership hooks are not registered (storage only). Needs DATABASE_URL (a
 * PostgreSQL server); creates and drops the database `tailor_bench_storage`.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { configureGroupCommit } from "@/lib/ingest/group-commit";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { validateBatch } from "@/lib/ingest/validate";
import { createTraffic } from "./messages";
import { setupBenchDatabase } from "./setup";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "6" },
    rounds: { type: "string", default: "2" },
    seconds: { type: "string", default: "10" },
    profiles: { type: "string", default: "5000" },
  },
});
const clients = Number(values.clients);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const log = (line: string) => process.stderr.write(`[bench:storage] ${line}\n`);
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl?.startsWith("postgres")) throw new Error("Set DATABASE_URL to a PostgreSQL server");
  const bench = await setupBenchDatabase(adminUrl, { name: "tailor_bench_storage", profiles: Number(values.profiles), log });
  try {
    const traffic = Array.from({ length: clients }, (_, i) => createTraffic(bench.population, 2000 + i));
    const results: { mode: string; eventsPerSecond: number; p50: number; load: string }[] = [];
    const run = async (group: boolean, writers = 3) => {
      configureGroupCommit({ writers });
      const deadline = performance.now() + seconds * 1000;
      const latencies: number[] = [];
      let events = 0;
      const started = performance.now();
      await Promise.all(
        traffic.map(async (t) => {
          while (performance.now() < deadline) {
            const body = JSON.parse(t.batch(100));
            const t0 = performance.now();
            const result = validateBatch(body);
            if (!result.ok) throw new Error("invalid bench batch");
            await ingestBatch(bench.handle.db, { workspaceId: bench.workspaceId, messages: result.messages, afterCommit: "schedule", group });
            latencies.push(performance.now() - t0);
            events += result.messages.length;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      results.push({ mode: group ? `group commit, ${writers} writer(s)` : "one transaction per batch", eventsPerSecond: Math.round(events / elapsed), p50: Math.round(latencies[Math.floor(latencies.length / 2)]), load: load() });
      log(`${results.at(-1)!.mode}: ${results.at(-1)!.eventsPerSecond} events/s, batch p50 ${results.at(-1)!.p50} ms (load ${load()})`);
    };
    await run(true); // warm-up round, not counted
    results.length = 0;
    for (let r = 0; r < rounds; r++) {
      await run(false);
      await run(true, 1);
      await run(true, 3);
    }
    for (const r of results) console.log(`${r.mode.padEnd(30)} ${String(r.eventsPerSecond).padStart(6)} events/s   batch p50 ${r.p50} ms   load ${r.load}`);
    const avg = (mode: string) => Math.round(results.filter((r) => r.mode === mode).reduce((s, r) => s + r.eventsPerSecond, 0) / rounds);
    console.log(JSON.stringify({ direct_events_per_s: avg("one transaction per batch"), group_1_events_per_s: avg("group commit, 1 writer(s)"), group_3_events_per_s: avg("group commit, 3 writer(s)"), clients, seconds, rounds }));
  } finally {
    await bench.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
