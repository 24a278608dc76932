import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { decodeCursor, encodeCursor, ID_PATTERNS } from "./cursor";
import type { ProfileEvent } from "./schemas";

interface EventRow {
  id: string;
  message_id: string;
  type: string;
  event: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
  ts: string;
  received_at: string;
}

/** A profile's events, newest first, one keyset page at a time, optionally of one event name. */
export async function listProfileEvents(
  db: Database,
  workspaceId: string,
  profileId: string,
  options: { cursor?: string; limit: number; event?: string },
): Promise<{ data: ProfileEvent[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor, ID_PATTERNS.bigint) : null;
  const rows = await queryRows<EventRow>(
    db,
    // e.id, not id: in ORDER BY a bare name would mean the text output column, sorting "10" < "9".
    sql`select e.id::text as id, e.message_id, e.type, e.event, e.properties, e.context,
               to_json(e."timestamp")#>>'{}' as ts, to_json(e.received_at)#>>'{}' as received_at
        from events e
        where e.workspace_id = ${workspaceId}::uuid and e.profile_id = ${profileId}::uuid
          ${options.event ? sql`and e.event = ${options.event}` : sql``}
          ${after ? sql`and (e."timestamp", e.id) < (${after.at}::timestamptz, ${after.id}::bigint)` : sql``}
        order by e."timestamp" desc, e.id desc
        limit ${options.limit + 1}`,
  );
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: r.id,
      messageId: r.message_id,
      type: r.type,
      event: r.event,
      properties: r.properties,
      context: r.context,
      timestamp: new Date(r.ts).toISOString(),
      receivedAt: new Date(r.received_at).toISOString(),
    })),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.ts, last.id) : null,
  };
}
