/**
 * Background insight jobs: long computations (history backfills) queued in `insight_jobs` and run
 * in the server process, one at a time per workspace, writing their progress as they go, so a
 * request only ever reads. A second request for the same thing (kind + key) while a job is queued
 * joins that job. A running job whose heartbeat stopped for two minutes lost its process and is
 * queued again.
 *
 * Jobs run only in processes that called `startInsightJobs` (the server, from instrumentation.ts);
 * elsewhere (tests, CLI) `runInsightJobs` drains the queue explicitly.
 */
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, queryRows, type Database } from "@/db/client";
import { insightJobs, type InsightJob } from "@/db/schema";

export type JobProgress = (progress: number, message: string) => Promise<void>;
export type JobRunner = (db: Database, job: InsightJob, progress: JobProgress) => Promise<unknown>;

const STALE = sql`interval '2 minutes'`;

interface JobsState {
  runners: Map<string, JobRunner>;
  draining: Map<string, Promise<void>>;
  open: (() => Promise<Database>) | null;
}
const g = globalThis as unknown as { __tailorInsightJobs?: JobsState };
const state: JobsState = (g.__tailorInsightJobs ??= { runners: new Map(), draining: new Map(), open: null });

/** Declares how jobs of `kind` run. */
export function registerInsightJob(kind: string, runner: JobRunner) {
  state.runners.set(kind, runner);
}

/** Lets this process run queued jobs in the background (the server calls it once at start). */
export function startInsightJobs(open: () => Promise<Database> = getDb) {
  state.open = open;
  void open()
    .then(async (db) => {
      const rows = await queryRows<{ workspace_id: string }>(db, sql`select distinct workspace_id::text from insight_jobs where status in ('queued', 'running')`);
      for (const r of rows) kickInsightJobs(db, r.workspace_id);
    })
    .catch((error) => console.error("[tailor] insight jobs could not start", error));
}

/** Starts draining the workspace's queue in the background when this process runs jobs. */
export function kickInsightJobs(db: Database, workspaceId: string) {
  if (!state.open || state.draining.has(workspaceId)) return;
  const run = runInsightJobs(db, workspaceId)
    .catch((error) => console.error(`[tailor] insight jobs of workspace ${workspaceId} failed`, error))
    .finally(() => state.draining.delete(workspaceId));
  state.draining.set(workspaceId, run);
}

/** Queues a job, or returns the queued one for the same kind and key (with the new params). */
export async function enqueueInsightJob(
  db: Database,
  input: { workspaceId: string; kind: string; key: string; params?: Record<string, unknown> },
): Promise<InsightJob> {
  const params = input.params ?? {};
  const [joined] = await db
    .update(insightJobs)
    .set({ params })
    .where(and(eq(insightJobs.workspaceId, input.workspaceId), eq(insightJobs.kind, input.kind), eq(insightJobs.key, input.key), eq(insightJobs.status, "queued")))
    .returning();
  const job = joined ?? (await db.insert(insightJobs).values({ workspaceId: input.workspaceId, kind: input.kind, key: input.key, params, message: "Waiting to start" }).returning())[0];
  kickInsightJobs(db, input.workspaceId);
  return job;
}

/** The most recent job for a kind and key, or null. */
export async function latestInsightJob(db: Database, where: { workspaceId: string; kind: string; key: string }): Promise<InsightJob | null> {
  const [row] = await db
    .select()
    .from(insightJobs)
    .where(and(eq(insightJobs.workspaceId, where.workspaceId), eq(insightJobs.kind, where.kind), eq(insightJobs.key, where.key)))
    .orderBy(desc(insightJobs.createdAt))
    .limit(1);
  if (row && (row.status === "queued" || row.status === "running")) kickInsightJobs(db, where.workspaceId);
  return row ?? null;
}

/** Claims the workspace's oldest queued job (requeuing jobs whose process died first). */
async function claim(db: Database, workspaceId: string): Promise<InsightJob | null> {
  await db.execute(sql`update insight_jobs set status = 'queued', message = 'Restarting after an interruption'
    where workspace_id = ${workspaceId}::uuid and status = 'running' and heartbeat_at < now() - ${STALE}`);
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`update insight_jobs set status = 'running', started_at = now(), heartbeat_at = now(), progress = 0, message = 'Starting'
        where id = (select id from insight_jobs where workspace_id = ${workspaceId}::uuid and status = 'queued'
                    order by created_at limit 1 for update skip locked)
        returning id::text as id`,
  );
  if (!row) return null;
  const [job] = await db.select().from(insightJobs).where(eq(insightJobs.id, row.id));
  return job ?? null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs the workspace's queued jobs one after another until none is left. */
export async function runInsightJobs(db: Database, workspaceId: string): Promise<void> {
  for (let job = await claim(db, workspaceId); job; job = await claim(db, workspaceId)) {
    const id = job.id;
    const progress: JobProgress = async (p, text) => {
      await db.update(insightJobs).set({ progress: Math.max(0, Math.min(1, p)), message: text, heartbeatAt: new Date() }).where(eq(insightJobs.id, id));
    };
    try {
      const runner = state.runners.get(job.kind);
      if (!runner) throw new Error(`No runner for insight job kind "${job.kind}"`);
      const result = await runner(db, job, progress);
      await db.update(insightJobs).set({ status: "done", progress: 1, message: "Done", result: result ?? null, finishedAt: new Date() }).where(eq(insightJobs.id, id));
    } catch (error) {
      console.error(`[tailor] insight job ${job.kind} ${job.key} failed`, error);
      await db.update(insightJobs).set({ status: "failed", error: message(error), message: "Failed", finishedAt: new Date() }).where(eq(insightJobs.id, id));
    }
  }
  // Finished jobs older than a week go, except the latest of each kind and key (reads check it).
  await db.execute(sql`delete from insight_jobs j where j.workspace_id = ${workspaceId}::uuid and j.status in ('done', 'failed')
    and j.finished_at < now() - interval '7 days'
    and exists (select 1 from insight_jobs n where n.workspace_id = j.workspace_id and n.kind = j.kind and n.key = j.key and n.created_at > j.created_at)`);
}
