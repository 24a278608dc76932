/**
 * Measures how long the default demo seed takes:
 *   npx tsx --conditions=react-server db/seed/measure.ts [profiles] [pglite data dir]
 * Uses a fresh in-memory PGlite (or a fresh on-disk one in the given, emptied directory), or a
 * throwaway database on the PostgreSQL server in DATABASE_URL when it is set. Prints a table
 * and a final machine-readable JSON line.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { openDatabase, type DbHandle } from "@/db/client";
import { workspaces } from "@/db/schema";
import { seedDemoData } from "./index";

async function openScratch(dataDir?: string): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base && dataDir) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    return { handle: await openDatabase({ dataDir }), drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!base) return { handle: await openDatabase({ dataDir: "memory://" }), drop: async () => {} };
  const name = `tailor_seed_measure_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    handle,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  const profiles = Number(process.argv[2] ?? 20_000);
  const { handle, drop } = await openScratch(process.argv[3]);
  try {
    const [workspace] = await handle.db.insert(workspaces).values({ slug: "measure", name: "Measure" }).returning();
    let lastLog = 0;
    const cpuBefore = process.cpuUsage();
    const result = await seedDemoData(handle, {
      workspaceId: workspace.id,
      profiles,
      now: new Date("2026-01-15T12:00:00Z"),
      onProgress: (p) => {
        if (p.phase === "load" && p.done - lastLog < profiles / 10 && p.done < p.total) return;
        lastLog = p.done;
        console.log(`  ${p.phase.padEnd(8)} ${p.done}/${p.total}`);
      },
    });
    const seconds = result.ms / 1000;
    // CPU time of this process (PGlite runs in it) is steadier than wall time on a shared machine.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(`engine    ${handle.engine}\nprofiles  ${result.profiles}\nevents    ${result.events}\nseconds   ${seconds.toFixed(1)}\ncpu s     ${cpuSeconds.toFixed(1)} (this process)\nevents/s  ${Math.round(result.events / seconds)}\npeak rss  ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    console.log(JSON.stringify({ engine: handle.engine, ...result, cpuMs: Math.round(cpuSeconds * 1000) }));
  } finally {
    await handle.close();
    await drop();
  }
}

await main();
