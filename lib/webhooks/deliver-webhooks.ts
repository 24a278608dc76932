import "server-only";
import type { Database } from "@/db/client";
import { enqueueDeliveries } from "./enqueue-deliveries";
import { sendDueDeliveries } from "./send-deliveries";

/** One run of the delivery loop: queue new membership changes, then send what is due. */
export async function deliverWebhooks(db: Database, now: Date = new Date()): Promise<{ queued: number; sent: number }> {
  const queued = await enqueueDeliveries(db, now);
  const sent = await sendDueDeliveries(db, now);
  return { queued, sent };
}
