/**
 * Impressions are written off the response path: decisions queue them here and a short timer
 * writes them in one statement per batch (a prepared insert of a JSON array, whatever its size).
 * A failed write is logged and dropped; serving never waits. Until a batch is written, its
 * impressions still count for frequency caps (`countQueuedImpressions`).
 */
import "server-only";
import type { Database } from "@/db/client";
import type { impressions } from "@/db/schema";
import { preparedRunner } from "./run-prepared";

export type ImpressionRow = typeof impressions.$inferInsert;

const FLUSH_MS = 200;
const MAX_BATCH = 1000;

/** Queued rows of one database, with their times per (workspace, targeting key, experience) for caps. */
interface Batch {
  rows: ImpressionRow[];
  times: Map<string, number[]>;
}
interface Queue {
  open: Map<Database, Batch>;
  /** Batches being written: still counted until the insert finished. */
  writing: Map<Database, Map<Batch, Promise<void>>>;
  timer: NodeJS.Timeout | null;
}
const state = globalThis as unknown as { __tailorImpressionQueue?: Queue };
const queue = (state.__tailorImpressionQueue ??= { open: new Map(), writing: new Map(), timer: null });

/**
 * One statement per batch. It commits without waiting for the WAL flush (`synchronous_commit` off
 * for this transaction only): impressions are best effort — queued ones are lost on a crash
 * anyway — and a slow disk must not hold a pooled connection that decisions may queue behind.
 */
const INSERT_SQL = `with async_commit as (select set_config('synchronous_commit', 'off', true) as v)
insert into impressions (workspace_id, experience_id, variant, profile_id, targeting_key, holdout, at)
select r.w, r.e, r.v, r.p, r.k, r.h, r.a
from jsonb_to_recordset($1::text::jsonb) as r(w uuid, e uuid, v text, p uuid, k text, h boolean, a timestamptz), async_commit`;

const capKey = (workspaceId: string, targetingKey: string, experienceId: string) => `${workspaceId}\u0000${experienceId}\u0000${targetingKey}`;

/** Queues one impression for writing within ~200 ms. */
export function recordImpression(db: Database, row: ImpressionRow): void {
  let batch = queue.open.get(db);
  if (!batch) {
    batch = { rows: [], times: new Map() };
    queue.open.set(db, batch);
  }
  batch.rows.push(row);
  const key = capKey(row.workspaceId, row.targetingKey, row.experienceId);
  const times = batch.times.get(key);
  if (times) times.push(row.at.getTime());
  else batch.times.set(key, [row.at.getTime()]);
  if (batch.rows.length >= MAX_BATCH) void flushImpressions(db);
  else if (!queue.timer) {
    queue.timer = setTimeout(() => void flushImpressions(), FLUSH_MS);
    queue.timer.unref?.();
  }
}

function write(db: Database, batch: Batch): Promise<void> {
  const writing = queue.writing.get(db) ?? new Map<Batch, Promise<void>>();
  queue.writing.set(db, writing);
  const payload = batch.rows.map((r) => ({ w: r.workspaceId, e: r.experienceId, v: r.variant, p: r.profileId ?? null, k: r.targetingKey, h: r.holdout ?? false, a: r.at.toISOString() }));
  const done = preparedRunner(db)(INSERT_SQL, [JSON.stringify(payload)])
    .then(() => {}, (error: unknown) => console.error(`[tailor] dropped ${batch.rows.length} impression(s): the database refused them`, error))
    .finally(() => writing.delete(batch));
  writing.set(batch, done);
  return done;
}

/** Writes every queued impression (of one database, or all); resolves when done, never rejects. */
export async function flushImpressions(only?: Database): Promise<void> {
  if (!only && queue.timer) {
    clearTimeout(queue.timer);
    queue.timer = null;
  }
  const targets = only ? [only] : [...new Set([...queue.open.keys(), ...queue.writing.keys()])];
  for (const db of targets) {
    const batch = queue.open.get(db);
    queue.open.delete(db);
    if (batch && batch.rows.length > 0) void write(db, batch);
  }
  // Batches an earlier flush started are part of "everything queued" too.
  await Promise.all(targets.flatMap((db) => [...(queue.writing.get(db)?.values() ?? [])]));
}

/** Queued (not yet written) impressions of one visitor and experience since `since`, for frequency caps. */
export function countQueuedImpressions(db: Database, workspaceId: string, targetingKey: string, experienceId: string, since: Date): number {
  const key = capKey(workspaceId, targetingKey, experienceId);
  const after = since.getTime();
  let n = 0;
  const count = (batch: Batch) => {
    for (const t of batch.times.get(key) ?? []) if (t > after) n++;
  };
  const open = queue.open.get(db);
  if (open) count(open);
  for (const batch of queue.writing.get(db)?.keys() ?? []) count(batch);
  return n;
}
