import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { segments, webhooks, type Webhook } from "@/db/schema";
import { AppError, notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/audit/record-audit";
import { FINISHED_BELOW } from "./enqueue-deliveries";
import type { CreateWebhookInput } from "./schemas";

/**
 * Where a new or resumed webhook starts: after every change of a finished transaction. Changes
 * still being written (or written later) are delivered.
 */
async function startingCursor(db: Database): Promise<{ lastChangeTx: number; lastChangeId: number }> {
  const [{ tx }] = await queryRows<{ tx: number | string }>(db, sql`select ${FINISHED_BELOW} as tx`);
  return { lastChangeTx: Number(tx), lastChangeId: 0 };
}

/** The API shape of a webhook (never its secret), with the watched segments' keys and names. */
async function present(db: Database, rows: Webhook[]) {
  const ids = [...new Set(rows.flatMap((r) => r.segmentIds ?? []))];
  const found = ids.length ? await db.select({ id: segments.id, key: segments.key, name: segments.name }).from(segments).where(inArray(segments.id, ids)) : [];
  const byId = new Map(found.map((s) => [s.id, { key: s.key, name: s.name }]));
  return rows.map(({ secret: _s, workspaceId: _w, lastChangeTx: _t, lastChangeId: _c, segmentIds, ...rest }) => ({
    ...rest,
    events: rest.events as ("enter" | "exit")[],
    segments: segmentIds ? segmentIds.flatMap((id) => byId.get(id) ?? []) : null,
  }));
}

/** Webhooks of a workspace, newest first. */
export async function listWebhooks(db: Database, workspaceId: string) {
  return present(db, await db.select().from(webhooks).where(eq(webhooks.workspaceId, workspaceId)).orderBy(desc(webhooks.createdAt)));
}

/**
 * Creates a webhook with a fresh secret (returned here only). It starts after the latest recorded
 * membership change: history is not replayed.
 */
export async function createWebhook(db: Database, ctx: { workspaceId: string; actor: Actor }, input: CreateWebhookInput) {
  let segmentIds: string[] | null = null;
  if (input.segments) {
    const keys = [...new Set(input.segments)];
    const rows = await db.select({ id: segments.id, key: segments.key }).from(segments).where(and(eq(segments.workspaceId, ctx.workspaceId), inArray(segments.key, keys)));
    const missing = keys.filter((k) => !rows.some((r) => r.key === k));
    if (missing.length) throw new AppError("validation_failed", `No segment with the key ${missing.map((m) => `"${m}"`).join(", ")} in this workspace.`, [{ path: ["segments"], message: `Unknown segment ${missing.join(", ")}` }]);
    segmentIds = rows.map((r) => r.id);
  }
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const [row] = await db
    .insert(webhooks)
    .values({ workspaceId: ctx.workspaceId, url: input.url, secret, segmentIds, events: input.events, active: input.active, ...(await startingCursor(db)), createdBy: ctx.actor.label })
    .returning();
  const [webhook] = await present(db, [row]);
  return { webhook, secret };
}

/** Pauses or resumes a webhook. Changes while paused are skipped, not queued. */
export async function setWebhookActive(db: Database, workspaceId: string, id: string, active: boolean) {
  const [row] = await db
    .update(webhooks)
    .set(active ? { active, ...(await startingCursor(db)) } : { active })
    .where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id)))
    .returning();
  if (!row) throw notFound("Webhook", id);
  return (await present(db, [row]))[0];
}

/** Deletes a webhook and its delivery log. */
export async function deleteWebhook(db: Database, workspaceId: string, id: string) {
  const [row] = await db.delete(webhooks).where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id))).returning({ id: webhooks.id });
  if (!row) throw notFound("Webhook", id);
}
