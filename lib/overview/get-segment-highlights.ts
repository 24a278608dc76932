import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back "fastest-growing" looks. */
export const GROWTH_WINDOW_DAYS = 7;

export interface SegmentSize {
  key: string;
  name: string;
  size: number;
  /** size / all profiles of the workspace (0 without profiles). */
  share: number;
}

export interface SegmentGrowth {
  key: string;
  name: string;
  size: number;
  /** Entries − exits over the window. */
  net: number;
  entries: number;
  exits: number;
  /** size − net: the size at the start of the window. */
  sizeBefore: number;
  /** net / sizeBefore; null when the segment was empty (or did not exist) a week ago. */
  change: number | null;
  /** Created inside the window without a size history: its growth is its first fill, not a trend. */
  isNew: boolean;
  /** Where sizeBefore, entries and exits come from: the daily size history or the enter/exit log. */
  source: "history" | "log";
}

export interface SegmentHighlights {
  totalProfiles: number;
  activeSegments: number;
  largest: SegmentSize[];
  /** Segments that grew over the window: established ones by relative growth, then new ones by size. */
  fastestGrowing: SegmentGrowth[];
}

type Row = {
  key: string; name: string; created_at: string | Date; size: number; entries: number; exits: number;
  /** From segment_size_daily: the size at the end of the day a week ago, and entries/exits on the days since (null without history). */
  h_before: number | null; h_entries: number | null; h_exits: number | null;
};

/**
 * The largest active segments and the ones that grew fastest over the last 7 days, from stored
 * membership and, for the week-ago size, the daily size history (backfilled when a segment is
 * saved, so a segment created today already has a trend) or else the enter/exit log. Small
 * grouped reads on (workspace_id, segment_id[, at | day]) keys.
 */
export async function getSegmentHighlights(db: Database, params: { workspaceId: string; now: Date; limit?: number }): Promise<SegmentHighlights> {
  const { workspaceId, now } = params;
  const limit = params.limit ?? 5;
  const since = new Date(now.getTime() - GROWTH_WINDOW_DAYS * DAY_MS);
  const weekAgoDay = since.toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  const rows = await queryRows<Row>(
    db,
    sql`with sizes as (
          select segment_id, count(*)::int as n from segment_members where workspace_id = ${workspaceId}::uuid group by segment_id
        ), changes as (
          select segment_id, count(*) filter (where kind = 'enter')::int as entries, count(*) filter (where kind = 'exit')::int as exits
          from segment_membership_changes
          where workspace_id = ${workspaceId}::uuid and at > ${since.toISOString()}::timestamptz and at <= ${now.toISOString()}::timestamptz
          group by segment_id
        ), history as (
          select segment_id,
                 max(size) filter (where day = ${weekAgoDay}::date)::int as h_before,
                 sum(entries) filter (where day > ${weekAgoDay}::date)::int as h_entries,
                 sum(exits) filter (where day > ${weekAgoDay}::date)::int as h_exits
          from segment_size_daily
          where workspace_id = ${workspaceId}::uuid and day >= ${weekAgoDay}::date and day <= ${today}::date
          group by segment_id
        )
        select s.key, s.name, s.created_at, coalesce(z.n, 0) as size, coalesce(c.entries, 0) as entries, coalesce(c.exits, 0) as exits,
               h.h_before, h.h_entries, h.h_exits
        from segments s
        left join sizes z on z.segment_id = s.id
        left join changes c on c.segment_id = s.id
        left join history h on h.segment_id = s.id
        where s.workspace_id = ${workspaceId}::uuid and s.status = 'active'`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from profiles where workspace_id = ${workspaceId}::uuid`);
  const totalProfiles = Number(total);

  const largest = rows
    .map((r) => ({ key: r.key, name: r.name, size: Number(r.size), share: totalProfiles ? Number(r.size) / totalProfiles : 0 }))
    .filter((s) => s.size > 0)
    .sort((a, b) => b.size - a.size || a.name.localeCompare(b.name))
    .slice(0, limit);

  const growth = rows.map((r): SegmentGrowth => {
    const size = Number(r.size);
    if (r.h_before !== null) {
      // The size history knows the size a week ago, even for a segment saved today.
      const sizeBefore = Number(r.h_before);
      const net = size - sizeBefore;
      return {
        key: r.key, name: r.name, size, net, entries: Number(r.h_entries ?? 0), exits: Number(r.h_exits ?? 0), sizeBefore,
        change: sizeBefore > 0 ? net / sizeBefore : null, isNew: false, source: "history",
      };
    }
    const entries = Number(r.entries);
    const exits = Number(r.exits);
    const net = entries - exits;
    // Stored membership and the log can disagree by a row mid-write; never report a negative past size.
    const sizeBefore = Math.max(0, size - net);
    const isNew = new Date(r.created_at).getTime() > since.getTime();
    return { key: r.key, name: r.name, size, net, entries, exits, sizeBefore, change: sizeBefore > 0 && !isNew ? net / sizeBefore : null, isNew, source: "log" };
  });
  const fastestGrowing = growth
    .filter((g) => g.net > 0)
    .sort((a, b) => rank(a) - rank(b) || (b.change ?? 0) - (a.change ?? 0) || b.net - a.net || a.name.localeCompare(b.name))
    .slice(0, limit);

  return { totalProfiles, activeSegments: rows.length, largest, fastestGrowing };
}

/** Established segments first (they have a trend), then ones that were empty a week ago, then new ones. */
function rank(g: SegmentGrowth): number {
  return g.change !== null ? 0 : g.isNew ? 2 : 1;
}
