/**
 * Reads a workspace into an AudienceIndex, and re-reads single profiles into it. The build pages
 * through profiles and events by primary key with no long transaction (nothing blocks writers or
 * vacuum, and embedded PGlite keeps answering between pages): a profile that changes while the
 * build runs is named by a change notification, and the registry re-reads it before the index
 * answers (registry.ts), so pages read at different moments never show.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { AudienceIndex, type EventRow, type ProfileRow } from "./audience-index";

const PAGE = 20_000;

const profileColumns = sql`p.id, p.user_id, p.traits, p.context,
  (extract(epoch from p.first_seen_at) * 1000)::float8 as first_seen_ms,
  (extract(epoch from p.last_seen_at) * 1000)::float8 as last_seen_ms`;
const eventColumns = sql`e.profile_id, e.event, (extract(epoch from e."timestamp") * 1000)::float8 as ts_ms, e.properties`;

export class IndexTooLargeError extends Error {
  constructor(readonly bytes: number, readonly limit: number) {
    super(`The workspace needs more than ${Math.round(limit / 1048576)} MB in memory; counting in the database instead (TAILOR_AUDIENCE_INDEX_MAX_MB raises the limit).`);
  }
}

export interface BuildProgress {
  profiles: number;
  events: number;
}

/** Builds the index of a workspace; `maxBytes` stops a build that outgrows it. */
export async function loadAudienceIndex(
  db: Database,
  workspaceId: string,
  options: { maxBytes: number; onProgress?: (p: BuildProgress) => void; signal?: AbortSignal },
): Promise<AudienceIndex> {
  const index = new AudienceIndex(workspaceId);
  const check = () => {
    if (options.signal?.aborted) throw new DOMException("The build was stopped", "AbortError");
    const bytes = index.bytes();
    if (bytes > options.maxBytes) throw new IndexTooLargeError(bytes, options.maxBytes);
  };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await queryRows<ProfileRow>(db, sql`select ${profileColumns} from profiles p
      where p.workspace_id = ${workspaceId}::uuid and p.id > ${after}::uuid order by p.id limit ${PAGE}`);
    for (const row of rows) index.putProfile(row);
    options.onProgress?.({ profiles: index.size, events: 0 });
    check();
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].id;
  }
  let events = 0;
  let cursor: { profile: string; id: number } = { profile: "00000000-0000-0000-0000-000000000000", id: -1 };
  for (;;) {
    const rows = await queryRows<EventRow & { id: number | string }>(db, sql`select ${eventColumns}, e.id from events e
      where e.workspace_id = ${workspaceId}::uuid
        and (e.workspace_id, e.profile_id, e.id) > (${workspaceId}::uuid, ${cursor.profile}::uuid, ${cursor.id})
      order by e.workspace_id, e.profile_id, e.id limit ${PAGE}`);
    for (const row of rows) index.putEvent(row);
    events += rows.length;
    options.onProgress?.({ profiles: index.size, events });
    check();
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    cursor = { profile: last.profile_id, id: Number(last.id) };
  }
  return index;
}

/** Re-reads the given profiles (row and every event) into the index; ids no longer found are dropped. */
export async function refreshProfiles(db: Database, index: AudienceIndex, ids: readonly string[]): Promise<void> {
  const list = sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
  const ws = index.workspaceId;
  // One snapshot for both reads: a merge that moves events between them cannot show half done.
  const [rows, events] = await db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    await t.execute(sql`set transaction isolation level repeatable read`);
    return [
      await queryRows<ProfileRow>(t, sql`select ${profileColumns} from profiles p where p.workspace_id = ${ws}::uuid and p.id in ${list}`),
      await queryRows<EventRow>(t, sql`select ${eventColumns} from events e where e.workspace_id = ${ws}::uuid and e.profile_id in ${list}`),
    ] as const;
  });
  index.replaceProfiles(ids, rows, events);
}
