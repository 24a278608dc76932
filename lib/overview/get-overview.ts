import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DailyCount {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  count: number;
}

export interface Overview {
  profiles: { total: number; known: number; anonymous: number };
  events: {
    last7d: number;
    previous7d: number;
    /** Relative change of `last7d` against `previous7d`; null when there is nothing to compare with. */
    change: number | null;
  };
  activeProfiles7d: number;
  /** One entry per UTC day for the last 30 days, oldest first, today last; days without events are 0. */
  eventsPerDay: DailyCount[];
  /** The most frequent event names of the last 7 days. */
  topEvents: { event: string; count: number }[];
}

/** UTC midnight of the day holding `instant`. */
function utcDayStart(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

function dayKey(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * The figures of the dashboard overview for one workspace as of `now`. Every event query is a
 * range over `(workspace_id, timestamp)` so it stays on the index however many events exist.
 */
export async function getOverview(db: Database, params: { workspaceId: string; now: Date; topEventsLimit?: number }): Promise<Overview> {
  const { workspaceId, now } = params;
  const nowIso = now.toISOString();
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const twoWeeksAgo = new Date(now.getTime() - 14 * DAY_MS).toISOString();
  const firstDay = new Date(utcDayStart(now).getTime() - 29 * DAY_MS);

  const [profileRow] = await queryRows<{ total: number; known: number }>(
    db,
    sql`select count(*)::int as total, count(user_id)::int as known
        from profiles where workspace_id = ${workspaceId}`,
  );

  // One pass over the last 14 days, grouped by profile (a hash aggregate, cheaper than count(distinct)).
  const [eventRow] = await queryRows<{ last7d: number | null; previous7d: number | null; active: number }>(
    db,
    sql`select sum(recent)::int as last7d, sum(earlier)::int as previous7d, count(*) filter (where recent > 0)::int as active
        from (
          select profile_id,
                 count(*) filter (where timestamp >= ${weekAgo}::timestamptz) as recent,
                 count(*) filter (where timestamp < ${weekAgo}::timestamptz) as earlier
          from events
          where workspace_id = ${workspaceId}
            and timestamp >= ${twoWeeksAgo}::timestamptz and timestamp < ${nowIso}::timestamptz
          group by profile_id
        ) per_profile`,
  );

  // Group by the UTC date first and format only the 30 resulting rows.
  const dailyRows = await queryRows<{ day: string; count: number }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, count
        from (
          select (timestamp at time zone 'UTC')::date as day, count(*)::int as count
          from events
          where workspace_id = ${workspaceId}
            and timestamp >= ${firstDay.toISOString()}::timestamptz and timestamp < ${nowIso}::timestamptz
          group by 1
        ) daily`,
  );

  const topRows = await queryRows<{ event: string; count: number }>(
    db,
    sql`select event, count(*)::int as count
        from events
        where workspace_id = ${workspaceId}
          and timestamp >= ${weekAgo}::timestamptz and timestamp < ${nowIso}::timestamptz
        group by event
        order by count desc, event asc
        limit ${params.topEventsLimit ?? 8}`,
  );

  const byDay = new Map(dailyRows.map((row) => [row.day, Number(row.count)]));
  const eventsPerDay: DailyCount[] = Array.from({ length: 30 }, (_, i) => {
    const day = dayKey(new Date(firstDay.getTime() + i * DAY_MS));
    return { day, count: byDay.get(day) ?? 0 };
  });

  const total = Number(profileRow?.total ?? 0);
  const known = Number(profileRow?.known ?? 0);
  const last7d = Number(eventRow?.last7d ?? 0);
  const previous7d = Number(eventRow?.previous7d ?? 0);
  return {
    profiles: { total, known, anonymous: total - known },
    events: { last7d, previous7d, change: previous7d === 0 ? null : (last7d - previous7d) / previous7d },
    activeProfiles7d: Number(eventRow?.active ?? 0),
    eventsPerDay,
    topEvents: topRows.map((row) => ({ event: row.event, count: Number(row.count) })),
  };
}
