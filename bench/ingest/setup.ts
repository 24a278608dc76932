/**
 * Prepares the benchmark database: a fresh database on the DATABASE_URL server, migrated, with a
 * seeded base population, the demo segments, a probe segment and a write key.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, queryRows, type DbHandle } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { validateBatch } from "@/lib/ingest/validate";
import { createApiKey } from "@/lib/keys/api-keys";
import { rebuildRollups } from "@/lib/segments/rollups";
import { createDemoSegments } from "@/lib/segments/demo-segments";
import { createSegment } from "@/lib/segments/save-segment";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import type { Population } from "./messages";

export const PROBE_EVENT = "Bench Probe";

export interface BenchDatabase {
  url: string;
  name: string;
  handle: DbHandle;
  workspaceId: string;
  writeKey: string;
  probeSegmentId: string;
  population: Population;
  drop: () => Promise<void>;
}

/** The URL of database `name` on the server of `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function ingestOne(handle: DbHandle, workspaceId: string, message: Record<string, unknown>) {
  const result = validateBatch({ batch: [message] });
  if (!result.ok) throw new Error(`setup message invalid: ${JSON.stringify(result.errors)}`);
  await ingestBatch(handle.db, { workspaceId, messages: result.messages });
}

/** Creates and fills the benchmark database; `drop()` closes and removes it. */
export async function setupBenchDatabase(adminUrl: string, options: { name: string; profiles: number; log: (line: string) => void }): Promise<BenchDatabase> {
  const { name, log } = options;
  await recreateDatabase(adminUrl, name);
  const url = databaseUrl(adminUrl, name);
  const handle = await openDatabase({ url, max: 4 });
  const { db } = handle;
  const workspace = await createWorkspace(db, { name: "Ingest bench" });
  const t0 = performance.now();
  const seeded = await seedDemoData(handle, { workspaceId: workspace.id, profiles: options.profiles, days: 60 });
  await rebuildRollups(db, workspace.id);
  // The probe event must be in the catalog before a segment can refer to it.
  await ingestOne(handle, workspace.id, { type: "track", userId: "bench-probe-setup", event: PROBE_EVENT, properties: { n: 0 } });
  await createDemoSegments(db, workspace.id, SYSTEM_ACTOR);
  const probe = await createSegment(db, { workspaceId: workspace.id, actor: SYSTEM_ACTOR }, {
    key: "bench-probe",
    name: "Bench probe",
    rule: { type: "group", op: "and", children: [{ type: "event", event: PROBE_EVENT, filters: [], measure: { kind: "count" }, comparison: { op: "at_least", value: 1 }, window: { kind: "ever" } }] },
  });
  const key = await createApiKey(db, { workspaceId: workspace.id, kind: "write", name: "bench" });
  log(`seeded ${seeded.profiles} profiles, ${seeded.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const users = await queryRows<{ user_id: string; anonymous_id: string }>(
    db,
    sql`select user_id, anonymous_ids[1] as anonymous_id from profiles where workspace_id = ${workspace.id}::uuid and user_id is not null and cardinality(anonymous_ids) > 0`,
  );
  const anonymous = await queryRows<{ anonymous_id: string }>(
    db,
    sql`select anonymous_ids[1] as anonymous_id from profiles where workspace_id = ${workspace.id}::uuid and user_id is null and cardinality(anonymous_ids) > 0`,
  );
  await db.execute(sql`vacuum analyze`);
  return {
    url,
    name,
    handle,
    workspaceId: workspace.id,
    writeKey: key.secret,
    probeSegmentId: probe.id,
    population: { users: users.map((u) => ({ userId: u.user_id, anonymousId: u.anonymous_id })), anonymousIds: anonymous.map((a) => a.anonymous_id) },
    drop: async () => {
      await handle.close();
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`).finally(() => admin.end({ timeout: 5 }));
    },
  };
}
