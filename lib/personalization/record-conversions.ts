/**
 * Conversions: after an ingested batch, every goal event of a touched profile is credited to the
 * variant that profile (or one of its identities) was last shown, no later than the event.
 * Holdout impressions convert too — they are the control group. One conversion per goal event.
 */
import "server-only";
import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { experiences } from "@/db/schema";
import { flushImpressions } from "./record-impressions";

/** Events received this long ago still convert; older ones were handled by an earlier batch. */
const LOOKBACK_MS = 15 * 60_000;

/** Records conversions for goal events of the given profiles; returns how many were new. */
export async function recordConversions(db: Database, params: { workspaceId: string; profileIds: string[]; now?: Date }): Promise<number> {
  const { workspaceId, profileIds } = params;
  if (profileIds.length === 0) return 0;
  const goals = await db
    .select({ id: experiences.id, goalEvent: experiences.goalEvent })
    .from(experiences)
    .where(and(eq(experiences.workspaceId, workspaceId), isNotNull(experiences.goalEvent), ne(experiences.status, "draft")));
  if (goals.length === 0) return 0;
  await flushImpressions(db);
  const since = new Date((params.now ?? new Date()).getTime() - LOOKBACK_MS);
  const ids = sql`${JSON.stringify(profileIds)}::jsonb`;
  const goalJson = sql`${JSON.stringify(goals.map((g) => ({ id: g.id, event: g.goalEvent })))}::jsonb`;
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with inserted as (
          insert into conversions (workspace_id, experience_id, variant, holdout, profile_id, targeting_key, event, message_id, at)
          select e.workspace_id, g.id, i.variant, i.holdout, e.profile_id, i.targeting_key, e.event, e.message_id, e."timestamp"
          from jsonb_to_recordset(${goalJson}) as g(id uuid, event text)
          join events e on e.workspace_id = ${workspaceId}::uuid and e.event = g.event
            and e.profile_id in (select value::uuid from jsonb_array_elements_text(${ids}))
            and e.received_at >= ${since.toISOString()}::timestamptz
          cross join lateral (
            select i.variant, i.holdout, i.targeting_key from impressions i
            where i.workspace_id = e.workspace_id and i.experience_id = g.id and i.at <= e."timestamp"
              and (i.profile_id = e.profile_id or i.targeting_key in (
                select d.value from identities d where d.workspace_id = e.workspace_id and d.profile_id = e.profile_id))
            order by i.at desc, i.id desc limit 1
          ) i
          on conflict (workspace_id, experience_id, message_id) do nothing
          returning 1
        ) select count(*)::int as n from inserted`,
  );
  return Number(rows[0]?.n ?? 0);
}
