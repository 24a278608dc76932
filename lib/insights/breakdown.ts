/**
 * Breakdowns: how a segment's members split by one trait or last-known context field, side by
 * side with all profiles, with an index (share in segment / share in all × 100). One pass over the
 * workspace's profiles left-joined to the segment's stored members on (workspace_id, profile_id),
 * grouped in SQL: only the top values, "Other" and "(not set)" leave the database.
 */
import "server-only";
import { answerCache } from "./answer-cache";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { AppError } from "@/lib/api/errors";
import { getCatalog, getSegmentByKey } from "@/lib/segments/segment-rules";
import {
  AGE_BANDS,
  classifyIndex,
  defaultBreakdownField,
  isAgeField,
  listBreakdownFields,
  niceBands,
  type Bands,
  type BreakdownField,
  type BreakdownRow,
  type BreakdownRowKind,
  type SegmentBreakdown,
} from "./breakdown-schemas";

export { breakdownQuerySchema } from "./breakdown-schemas";
export type { SegmentBreakdown } from "./breakdown-schemas";

interface Params {
  workspaceId: string;
  segmentKey: string;
  by?: string;
  limit: number;
  /** Recount instead of answering from the cache. */
  refresh?: boolean;
  now?: Date;
}

const cached = answerCache<SegmentBreakdown>({ ttlMs: 60_000, max: 200 });

/**
 * The breakdown of a segment by `by`, answered from a one-minute in-memory cache keyed by
 * workspace, segment, field and limit (`asOf` says when it was counted). Unknown segment → 404;
 * a field that cannot be broken down by → 422 listing the ones that can.
 */
export function getSegmentBreakdown(db: Database, params: Params): Promise<SegmentBreakdown> {
  const key = [params.workspaceId, params.segmentKey, params.by ?? "", params.limit].join("\u0000");
  return cached(key, () => computeSegmentBreakdown(db, params), params.refresh);
}

/** The breakdown, counted now (no cache). */
export async function computeSegmentBreakdown(db: Database, params: Params): Promise<SegmentBreakdown> {
  const segment = await getSegmentByKey(db, params.workspaceId, params.segmentKey);
  const fields = listBreakdownFields(await getCatalog(db, params.workspaceId));
  const field = params.by ? fields.find((f) => f.field === params.by) : defaultBreakdownField(fields);
  if (params.by && !field) {
    const list = fields.map((f) => f.field).join(", ");
    throw new AppError(
      "validation_failed",
      `Cannot break down by "${params.by}": it is not a text, number or yes/no trait or context field of this workspace. Use one of: ${list || "(none yet)"}.`,
      [{ path: ["by"], message: `Unknown or unsupported field "${params.by}"` }],
    );
  }
  const asOf = (params.now ?? new Date()).toISOString();
  const base = { segment: { key: segment.key, name: segment.name, size: 0 }, fields, asOf };
  if (!field) {
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from profiles where workspace_id = ${params.workspaceId}::uuid`);
    return { ...base, field: null, totalProfiles: Number(n), rows: [] };
  }

  const scope = { workspaceId: params.workspaceId, segmentId: segment.id };
  let counted: Counted[];
  let banded = false;
  if (field.type === "number") {
    const bands = isAgeField(field.field) ? AGE_BANDS : await dataBands(db, scope.workspaceId, field);
    counted = await countBands(db, scope, field, bands);
    banded = true;
  } else {
    counted = await countValues(db, scope, field, params.limit);
  }
  const size = counted.reduce((sum, r) => sum + r.members, 0);
  const totalProfiles = counted.reduce((sum, r) => sum + r.profiles, 0);
  const label = valueLabeller(field);
  const rows = counted.map((r): BreakdownRow => {
    const segmentShare = size ? r.members / size : 0;
    const allShare = totalProfiles ? r.profiles / totalProfiles : 0;
    const index = size && allShare ? (segmentShare / allShare) * 100 : null;
    return {
      key: r.key,
      label: r.kind === "other" ? "Other" : r.kind === "not_set" ? "(not set)" : r.kind === "band" ? r.key : label(r.key),
      kind: r.kind,
      members: r.members,
      profiles: r.profiles,
      segmentShare,
      allShare,
      index,
      representation: classifyIndex(index, r.members, allShare * size),
    };
  });
  return { ...base, segment: { ...base.segment, size }, field: { ...field, banded }, totalProfiles, rows };
}

interface Counted {
  key: string;
  kind: BreakdownRowKind;
  members: number;
  profiles: number;
}

type Scope = { workspaceId: string; segmentId: string };

/** `traits #> array['a','b']`: the JSON value at the field's path, every key bound. */
function jsonAt(field: BreakdownField): SQL {
  const keys = field.field.slice(field.source.length + 1).split(".");
  const column = field.source === "traits" ? sql`p.traits` : sql`p.context`;
  return sql`${column} #> array[${sql.join(keys.map((k) => sql`${k}`), sql`, `)}]::text[]`;
}

/** Every profile of the workspace with the field's JSON value and whether it is a member. */
function profilesWithMembership(scope: Scope, field: BreakdownField): SQL {
  return sql`select ${jsonAt(field)} as j, (m.profile_id is not null) as member
    from profiles p
    left join segment_members m on m.workspace_id = p.workspace_id and m.profile_id = p.id and m.segment_id = ${scope.segmentId}::uuid
    where p.workspace_id = ${scope.workspaceId}::uuid`;
}

/** The top `limit` values by members (then by profiles), the rest as Other, and (not set). */
async function countValues(db: Database, scope: Scope, field: BreakdownField, limit: number): Promise<Counted[]> {
  const rows = await queryRows<{ kind: BreakdownRowKind; v: string | null; profiles: number; members: number }>(
    db,
    sql`with vals as (
          select nullif(btrim(j #>> '{}'), '') as v, member from (${profilesWithMembership(scope, field)}) x
        ), counts as (
          select v, count(*)::int as profiles, count(*) filter (where member)::int as members from vals group by v
        ), ranked as (
          select v, profiles, members, row_number() over (order by members desc, profiles desc, v) as r from counts where v is not null
        )
        select 'value' as kind, v, profiles, members from ranked where r <= ${limit}
        union all
        select 'other', null, sum(profiles)::int, sum(members)::int from ranked where r > ${limit} having count(*) > 0
        union all
        select 'not_set', null, profiles, members from counts where v is null`,
  );
  const values = rows.filter((r) => r.kind === "value").sort((a, b) => Number(b.members) - Number(a.members) || Number(b.profiles) - Number(a.profiles) || String(a.v).localeCompare(String(b.v)));
  const tail = (kind: BreakdownRowKind) => rows.filter((r) => r.kind === kind);
  return [...values, ...tail("other"), ...tail("not_set")].map((r) => ({ key: r.v ?? "", kind: r.kind, members: Number(r.members), profiles: Number(r.profiles) }));
}

/** Equal-width bands over the range of the field's numbers in the workspace. */
async function dataBands(db: Database, workspaceId: string, field: BreakdownField): Promise<Bands> {
  const [stats] = await queryRows<{ min: number | null; max: number | null; integers: boolean | null }>(
    db,
    sql`select min(n) as min, max(n) as max, bool_and(n = trunc(n)) as integers
        from (select (j #>> '{}')::float8 as n from (select ${jsonAt(field)} as j from profiles p where p.workspace_id = ${workspaceId}::uuid) x
              where jsonb_typeof(j) = 'number') nums`,
  );
  if (stats?.min === null || stats?.max === null || !stats) return { thresholds: [], labels: [], dropEmpty: false };
  return niceBands(Number(stats.min), Number(stats.max), stats.integers === true);
}

/** Members and profiles per band; values that are not numbers are Other, missing ones (not set). */
async function countBands(db: Database, scope: Scope, field: BreakdownField, bands: Bands): Promise<Counted[]> {
  const thresholds = sql`${`{${bands.thresholds.join(",")}}`}::float8[]`;
  const rows = await queryRows<{ bucket: number; profiles: number; members: number }>(
    db,
    sql`select bucket, count(*)::int as profiles, count(*) filter (where member)::int as members
        from (
          select member, case
            when j is null or jsonb_typeof(j) = 'null' or (jsonb_typeof(j) = 'string' and btrim(j #>> '{}') = '') then -2
            when jsonb_typeof(j) <> 'number' then -1
            else width_bucket((j #>> '{}')::float8, ${thresholds}) end as bucket
          from (${profilesWithMembership(scope, field)}) x
        ) b group by bucket`,
  );
  const byBucket = new Map(rows.map((r) => [Number(r.bucket), { members: Number(r.members), profiles: Number(r.profiles) }]));
  const out: Counted[] = [];
  bands.labels.forEach((label, i) => {
    const counts = byBucket.get(i) ?? { members: 0, profiles: 0 };
    if (bands.dropEmpty && counts.profiles === 0) return;
    out.push({ key: label, kind: "band", ...counts });
  });
  for (const [bucket, kind] of [[-1, "other"], [-2, "not_set"]] as const) {
    const counts = byBucket.get(bucket);
    if (counts) out.push({ key: "", kind, ...counts });
  }
  return out;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/** Display text of a raw value: country codes become names ("US" → "United States (US)"), booleans yes/no. */
function valueLabeller(field: BreakdownField): (value: string) => string {
  if (field.type === "boolean") return (v) => (v === "true" ? "Yes" : v === "false" ? "No" : v);
  if (/(^|[._])country(_code)?$/i.test(field.field)) {
    return (v) => {
      if (!/^[A-Za-z]{2}$/.test(v)) return v;
      const name = regionNames.of(v.toUpperCase());
      return name ? `${name} (${v})` : v;
    };
  }
  return (v) => v;
}
