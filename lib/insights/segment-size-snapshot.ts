/**
 * Keeping size history current: the rows from the day a segment's rule took effect through today
 * come from stored membership — today's size is the live member count, earlier days subtract the
 * net changes logged since — and the entries and exits logged each day. Changes logged at the very
 * instant the rule took effect are the rule change itself (the initial reconcile), not people
 * moving, so they do not count as entries or exits.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { DAY_MS } from "@/lib/rules/value-test";
import { HISTORY_DAYS, isoDay } from "./size-history";

interface SegmentRow {
  id: string;
  rule_changed_ms: number | null;
  last_snapshot: string | null;
}

const jsonParam = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/**
 * Writes `snapshot` rows for the workspace's active segments (or the given ones): every day from
 * the later of the rule's effective day and the last snapshot day, through today.
 */
export async function snapshotSegmentSizes(db: Database, params: { workspaceId: string; segmentIds?: string[]; now?: Date }): Promise<number> {
  const now = params.now ?? new Date();
  const today = Math.floor(now.getTime() / DAY_MS);
  const ws = sql`${params.workspaceId}::uuid`;
  const only = params.segmentIds ? sql`and s.id in (select value::uuid from jsonb_array_elements_text(${jsonParam(params.segmentIds)}))` : sql``;
  const segments = await queryRows<SegmentRow>(
    db,
    sql`select s.id::text as id, (extract(epoch from s.rule_changed_at) * 1000)::float8 as rule_changed_ms,
          (select max(d.day)::text from segment_size_daily d where d.workspace_id = s.workspace_id and d.segment_id = s.id and d.source = 'snapshot') as last_snapshot
        from segments s where s.workspace_id = ${ws} and s.status = 'active' ${only}`,
  );
  if (segments.length === 0) return 0;
  const plan = segments.map((s) => {
    const effective = s.rule_changed_ms === null ? today : Math.floor(Number(s.rule_changed_ms) / DAY_MS);
    const last = s.last_snapshot ? dayNumber(s.last_snapshot) : effective;
    const from = Math.max(effective, Math.min(last, today), today - HISTORY_DAYS);
    return { id: s.id, from, fromIso: new Date(from * DAY_MS).toISOString(), changedAt: s.rule_changed_ms === null ? null : new Date(Number(s.rule_changed_ms)).toISOString() };
  });
  const rows = await queryRows<{ segment_id: string; day: number | null; entries: number; exits: number; net: number; live: number }>(
    db,
    sql`with plan as (select * from jsonb_to_recordset(${jsonParam(plan)}) as x(id uuid, "fromIso" timestamptz, "changedAt" timestamptz))
        select plan.id::text as segment_id, null::int as day, 0 as entries, 0 as exits, 0 as net,
               (select count(*) from segment_members m where m.workspace_id = ${ws} and m.segment_id = plan.id)::int as live
        from plan
        union all
        select c.segment_id::text, floor(extract(epoch from c.at) / 86400)::int,
               count(*) filter (where c.kind = 'enter' and (plan."changedAt" is null or c.at > plan."changedAt"))::int,
               count(*) filter (where c.kind = 'exit' and (plan."changedAt" is null or c.at > plan."changedAt"))::int,
               sum(case when c.kind = 'enter' then 1 else -1 end)::int, 0
        from segment_membership_changes c join plan on c.segment_id = plan.id
        where c.workspace_id = ${ws} and c.at >= plan."fromIso" and c.at <= ${now.toISOString()}::timestamptz
        group by 1, 2`,
  );
  const out: { segmentId: string; day: string; size: number; entries: number; exits: number }[] = [];
  for (const p of plan) {
    const mine = rows.filter((r) => r.segment_id === p.id);
    const byDay = new Map(mine.filter((r) => r.day !== null).map((r) => [Number(r.day), r]));
    let size = Number(mine.find((r) => r.day === null)?.live ?? 0);
    for (let day = today; day >= p.from; day--) {
      const r = byDay.get(day);
      out.push({ segmentId: p.id, day: isoDay(day), size, entries: Number(r?.entries ?? 0), exits: Number(r?.exits ?? 0) });
      size -= Number(r?.net ?? 0);
    }
  }
  await db.execute(
    sql`insert into segment_size_daily (workspace_id, segment_id, day, size, entries, exits, source, computed_at)
        select ${ws}, x."segmentId", x.day, x.size, x.entries, x.exits, 'snapshot', ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${jsonParam(out)}) as x("segmentId" uuid, day date, size int, entries int, exits int)
        on conflict (workspace_id, segment_id, day) do update set size = excluded.size, entries = excluded.entries,
          exits = excluded.exits, source = 'snapshot', computed_at = excluded.computed_at`,
  );
  return out.length;
}

const g = globalThis as unknown as { __tailorSizeSnapshotAt?: number };

/**
 * The membership timer's hook: snapshots every workspace's active segments at most every
 * `everyMs` (5 minutes), and right after midnight UTC so yesterday's row is final.
 */
export async function maybeSnapshotAllSegmentSizes(db: Database, options: { now?: Date; everyMs?: number } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const last = g.__tailorSizeSnapshotAt ?? 0;
  const newDay = Math.floor(last / DAY_MS) !== Math.floor(now.getTime() / DAY_MS);
  if (!newDay && now.getTime() - last < (options.everyMs ?? 300_000)) return false;
  g.__tailorSizeSnapshotAt = now.getTime();
  const workspaces = await queryRows<{ id: string }>(db, sql`select distinct workspace_id::text as id from segments where status = 'active'`);
  for (const w of workspaces) await snapshotSegmentSizes(db, { workspaceId: w.id, now });
  return true;
}
