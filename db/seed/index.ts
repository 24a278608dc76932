/**
 * Deterministic demo data: `seedDemoData` fills one workspace with realistic profiles,
 * identities and Segment-spec events whose behaviour follows their traits. The same options
 * (including `now`) always produce the same rows.
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbHandle } from "@/db/client";
import { eventRollups, events, identities, profiles, workspaces } from "@/db/schema";
import { streamChunks } from "./generate";
import { createSeedWriter } from "./write";

export { DEMO_PERSONAS, type DemoPersona } from "./personas";
export { generateChunks, generateProfile, createSeedContext, streamChunks, type GenerateOptions } from "./generate";

export interface SeedProgress {
  /** `load` while chunks are written (done/total count profiles), then `analyze`. */
  phase: string;
  done: number;
  total: number;
}

export interface SeedOptions {
  workspaceId: string;
  /** Number of profiles (default 20,000, about 25 events each). */
  profiles?: number;
  /** Length of the event history in days, ending at `now` (default 120). */
  days?: number;
  seed?: number;
  /** End of the history (default: the current time); pass it to make runs identical. */
  now?: Date;
  /** Delete the workspace's existing profiles, identities, events and rollups first (default false: refuse). */
  replace?: boolean;
  /** Profiles generated and written per transaction (default 1000). */
  chunkSize?: number;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedResult {
  profiles: number;
  events: number;
  ms: number;
}

const optionsSchema = z.object({
  workspaceId: z.string().uuid(),
  profiles: z.number().int().min(0).max(50_000_000).default(20_000),
  days: z.number().int().min(1).max(3650).default(120),
  seed: z.number().int().default(42),
  now: z.date().optional(),
  replace: z.boolean().default(false),
  chunkSize: z.number().int().min(1).max(100_000).default(1000),
});

async function prepareWorkspace(handle: DbHandle, workspaceId: string, replace: boolean): Promise<void> {
  const { db } = handle;
  const [workspace] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new Error(`Cannot seed workspace ${workspaceId}: it does not exist. Create the workspace first.`);
  if (replace) {
    // Rollups go too: stale ones would answer counts for events that no longer exist.
    await db.transaction(async (tx) => {
      for (const table of [eventRollups, events, identities, profiles]) await tx.delete(table).where(eq(table.workspaceId, workspaceId));
    });
    return;
  }
  const [existing] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${profiles} where ${eq(profiles.workspaceId, workspaceId)}`,
  );
  if (existing.n > 0) {
    throw new Error(
      `Workspace ${workspaceId} already has ${existing.n} profiles; seeding would clash with them. ` +
        "Seed an empty workspace, or pass { replace: true } to delete its profiles, identities, events and rollups first.",
    );
  }
}

/** Generates and loads demo profiles, identities and events into one workspace, then runs ANALYZE. */
export async function seedDemoData(handle: DbHandle, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const opts = optionsSchema.parse(options);
  const now = opts.now ?? new Date();
  const report = options.onProgress ?? (() => {});
  await prepareWorkspace(handle, opts.workspaceId, opts.replace);
  const writer = await createSeedWriter(handle);
  let profileCount = 0;
  let eventCount = 0;
  report({ phase: "load", done: 0, total: opts.profiles });
  // One chunk is written while the next is generated: PostgreSQL ingests on its own core meanwhile.
  let inFlight: Promise<void> | null = null;
  for await (const chunk of streamChunks({ ...opts, now })) {
    if (inFlight) await inFlight;
    inFlight = writer.writeChunk(opts.workspaceId, chunk).then(() => {
      profileCount += chunk.profiles.length;
      eventCount += chunk.events.length;
      report({ phase: "load", done: profileCount, total: opts.profiles });
    });
    inFlight.catch(() => {}); // awaited above or below; this only keeps an early failure from counting as unhandled
  }
  if (inFlight) await inFlight;
  // Fresh statistics, so the planner does not treat the newly filled tables as empty.
  report({ phase: "analyze", done: 0, total: 1 });
  await handle.db.execute(sql`analyze ${profiles}, ${identities}, ${events}`);
  report({ phase: "analyze", done: 1, total: 1 });
  return { profiles: profileCount, events: eventCount, ms: Math.round(performance.now() - started) };
}
