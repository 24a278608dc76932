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
// Keyset pages on the primary key (workspace_id, profile_id, id). The row comparison leaves out
// workspace_id on purpose: next to `workspace_id = $1`, a comparison that includes it is not used to
// position the scan, and every page would re-read the workspace from its start.

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

/**
 * Keyset pages of PAGE rows; the next page is asked for before the caller gets the current one,
 * so the database reads it while this process files the current one away.
 */
async function* prefetchedPages<T, C>(first: C, fetch: (after: C) => Promise<T[]>, cursorOf: (last: T) => C): AsyncGenerator<T[]> {
  let pending = fetch(first);
  for (;;) {
    const rows = await pending;
    const more = rows.length === PAGE;
    if (more) {
      pending = fetch(cursorOf(rows[rows.length - 1]));
      pending.catch(() => {}); // awaited on the next turn; a build stopped meanwhile must not leave it unhandled
    }
    yield rows;
    if (!more) return;
  }
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
  const zero = "00000000-0000-0000-0000-000000000000";
  const profilePages = prefetchedPages(
    zero,
    (after) => queryRows<ProfileRow>(db, sql`select ${profileColumns} from profiles p
      where p.workspace_id = ${workspaceId}::uuid and p.id > ${after}::uuid order by p.id limit ${PAGE}`),
    (last) => last.id,
  );
  for await (const rows of profilePages) {
    for (const row of rows) index.putProfile(row);
    options.onProgress?.({ profiles: index.size, events: 0 });
    check();
  }
  let events = 0;
  const eventPages = prefetchedPages(
    { profile: zero, id: -1 },
    (after) => queryRows<EventRow & { id: number | string }>(db, sql`select ${eventColumns}, e.id from events e
      where e.workspace_id = ${workspaceId}::uuid and (e.profile_id, e.id) > (${after.profile}::uuid, ${after.id})
      order by e.profile_id, e.id limit ${PAGE}`),
    (last) => ({ profile: last.profile_id, id: Number(last.id) }),
  );
  for await (const rows of eventPages) {
    for (const row of rows) index.putEvent(row);
    events += rows.length;
    options.onProgress?.({ profiles: index.size, events });
    check();
  }
  for (const table of index.events.values()) table.trim();
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
