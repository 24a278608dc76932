import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookDeliveries, webhooks } from "@/db/schema";
import type { WebhookPayload } from "./schemas";

/** The latest deliveries of a workspace (optionally one webhook), newest first. */
export async function listDeliveries(db: Database, workspaceId: string, params: { webhookId?: string; limit?: number } = {}) {
  const conditions = [eq(webhookDeliveries.workspaceId, workspaceId)];
  if (params.webhookId) conditions.push(eq(webhookDeliveries.webhookId, params.webhookId));
  const rows = await db
    .select({ d: webhookDeliveries, url: webhooks.url })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.id))
    .limit(params.limit ?? 50);
  return rows.map(({ d, url }) => {
    const body = JSON.parse(d.body) as WebhookPayload;
    return {
      id: d.id,
      webhookId: d.webhookId,
      url,
      type: d.type,
      segmentKey: body.segment?.key ?? null,
      profileId: body.profile?.id ?? null,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
    };
  });
}
