import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { SIGNATURE_HEADER, signPayload } from "./sign-payload";

/** Wait before retry n (after the n-th failed attempt); the 6th failure gives up. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How long one attempt may take, and how long a claimed delivery stays claimed. */
const TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;

interface Due {
  id: number;
  url: string;
  secret: string;
  body: string;
  attempts: number;
}

/** One POST; returns the status code, or the error that prevented an answer. */
async function post(d: Due, now: Date): Promise<{ status: number | null; error: string | null }> {
  try {
    const response = await fetch(d.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Tailor-Webhooks/1", [SIGNATURE_HEADER]: signPayload(d.secret, d.body, Math.floor(now.getTime() / 1000)), "X-Tailor-Delivery": String(d.id) },
      body: d.body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    return { status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return { status: null, error: e.name === "TimeoutError" ? `No answer within ${TIMEOUT_MS / 1000} s` : `${e.cause?.code ?? e.name}: ${e.message}`.slice(0, 500) };
  }
}

/**
 * Sends the deliveries that are due (claimed with SKIP LOCKED and a lease, so processes never send
 * one twice at once). A 2xx marks it delivered; anything else schedules a retry with backoff, and
 * the 6th failure marks it failed. Returns how many were attempted.
 */
export async function sendDueDeliveries(db: Database, now: Date = new Date(), limit = 50): Promise<number> {
  const due = await queryRows<Due>(
    db,
    sql`update webhook_deliveries d set next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
        from webhooks w
        where w.id = d.webhook_id and d.id in (
          select id from webhook_deliveries where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
          order by next_attempt_at, id limit ${limit} for update skip locked)
        returning d.id, w.url, w.secret, d.body, d.attempts`,
  );
  await Promise.all(
    due.map(async (d) => {
      const result = await post(d, now);
      const attempts = Number(d.attempts) + 1;
      const ok = result.error === null;
      const status = ok ? "delivered" : attempts >= MAX_ATTEMPTS ? "failed" : "pending";
      const next = status === "pending" ? new Date(now.getTime() + RETRY_DELAYS_MS[attempts - 1]).toISOString() : null;
      await db.execute(
        sql`update webhook_deliveries set status = ${status}, attempts = ${attempts}, last_status_code = ${result.status}, last_error = ${result.error},
            last_attempt_at = ${now.toISOString()}::timestamptz, next_attempt_at = ${next}::timestamptz,
            delivered_at = ${ok ? now.toISOString() : null}::timestamptz
            where id = ${d.id}`,
      );
    }),
  );
  return due.length;
}
