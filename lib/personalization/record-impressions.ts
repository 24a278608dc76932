/**
 * Impressions are written off the response path: decisions queue them here and a short timer
 * writes them in one multi-row insert. A failed write is logged and dropped; serving never waits.
 */
import "server-only";
import type { Database } from "@/db/client";
import { impressions } from "@/db/schema";

export type ImpressionRow = typeof impressions.$inferInsert;

const FLUSH_MS = 200;
const MAX_BATCH = 500;
const state = globalThis as unknown as { __tailorImpressions?: { queues: Map<Database, ImpressionRow[]>; timer: NodeJS.Timeout | null } };
const queue = (state.__tailorImpressions ??= { queues: new Map(), timer: null });

/** Queues one impression for writing within ~200 ms. */
export function recordImpression(db: Database, row: ImpressionRow): void {
  const rows = queue.queues.get(db) ?? [];
  queue.queues.set(db, rows);
  rows.push(row);
  if (rows.length >= MAX_BATCH) void flushImpressions(db);
  else if (!queue.timer) {
    queue.timer = setTimeout(() => void flushImpressions(), FLUSH_MS);
    queue.timer.unref?.();
  }
}

/** Writes every queued impression (of one database, or all); resolves when done, never rejects. */
export async function flushImpressions(only?: Database): Promise<void> {
  if (!only && queue.timer) {
    clearTimeout(queue.timer);
    queue.timer = null;
  }
  const targets = only ? [only] : [...queue.queues.keys()];
  await Promise.all(
    targets.map(async (db) => {
      const rows = queue.queues.get(db) ?? [];
      queue.queues.delete(db);
      for (let i = 0; i < rows.length; i += MAX_BATCH) {
        const chunk = rows.slice(i, i + MAX_BATCH);
        try {
          await db.insert(impressions).values(chunk);
        } catch (error) {
          console.error(`[tailor] dropped ${chunk.length} impression(s): the database refused them`, error);
        }
      }
    }),
  );
}

/** Queued (not yet written) impressions of one visitor and experience since `since`, for frequency caps. */
export function countQueuedImpressions(db: Database, workspaceId: string, targetingKey: string, experienceId: string, since: Date): number {
  let n = 0;
  for (const r of queue.queues.get(db) ?? []) {
    if (r.workspaceId === workspaceId && r.targetingKey === targetingKey && r.experienceId === experienceId && r.at > since) n++;
  }
  return n;
}
