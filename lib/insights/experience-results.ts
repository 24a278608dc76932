/**
 * Results of one experience: per variant and for the holdout, exposure and conversions from the
 * `impressions` and `conversions` tables, lift over the holdout, and a daily series for a chart.
 */
import "server-only";
import { answerCache } from "./answer-cache";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Database } from "@/db/client";
import { experiences } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { computeLift, type LiftResult } from "./lift";

/** Query string of the results route: an optional window of impression and conversion times. */
export const experienceResultsQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe("Inclusive start (ISO 8601)"),
    to: z.iso.datetime({ offset: true }).optional().describe("Exclusive end (ISO 8601)"),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), { message: "`from` must be before `to`", path: ["from"] });

export interface GroupResult {
  impressions: number;
  /** Distinct targeting keys shown this group in the window. */
  visitors: number;
  /** Distinct targeting keys among those visitors with a conversion in the window. */
  converters: number;
  /** Every conversion (goal event) of those visitors in the window. */
  conversions: number;
  /** converters / visitors (0 without visitors). */
  conversionRate: number;
}

export interface VariantResult extends GroupResult {
  key: string;
  name: string;
  /** Against the holdout; null when the experience has no holdout group. */
  lift: LiftResult | null;
}

export interface DailyPoint {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  holdout: { visitors: number; conversions: number } | null;
  variants: Record<string, { visitors: number; conversions: number }>;
}

/** Running totals up to and including a UTC day: the basis of the cumulative conversion-rate chart. */
export interface CumulativeGroup {
  /** Distinct visitors first shown this group on or before the day. */
  visitors: number;
  /** Of those, distinct visitors whose first conversion was on or before the day. */
  converters: number;
  /** converters / visitors (0 without visitors). */
  conversionRate: number;
}

export interface CumulativePoint {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  holdout: CumulativeGroup | null;
  variants: Record<string, CumulativeGroup>;
}

export interface ExperienceResults {
  experience: { key: string; name: string; status: string; goalEvent: string | null; holdoutPercent: number; defaultVariant: string };
  window: { from: string | null; to: string | null };
  holdout: GroupResult | null;
  variants: VariantResult[];
  daily: DailyPoint[];
  /**
   * One point per day of `daily`: visitors and converters counted once, on the day each was first
   * seen in the group, summed up to that day. The last point equals the totals.
   */
  cumulative: CumulativePoint[];
  /** When these figures were counted (see getCachedExperienceResults). */
  asOf: string;
}

interface Params {
  workspaceId: string;
  experienceKey: string;
  from?: Date;
  to?: Date;
  /** false: totals and lift only, without the per-day series (for summaries such as the overview). */
  series?: boolean;
}

type TotalRow = { holdout: boolean; variant: string; impressions: number; visitors: number; converters: number; conversions: number };
type DailyRow = { day: string; holdout: boolean; variant: string; visitors: number; conversions: number };
type FirstRow = { day: string; holdout: boolean; variant: string; visitors: number; converters: number };

const DAY_MS = 86_400_000;

/**
 * Exposure, conversions and lift per variant of one experience; unknown key → not_found.
 * The holdout is the control group of every variant.
 */
export async function getExperienceResults(db: Database, params: Params): Promise<ExperienceResults> {
  const [experience] = await db
    .select()
    .from(experiences)
    .where(and(eq(experiences.workspaceId, params.workspaceId), eq(experiences.key, params.experienceKey)));
  if (!experience) throw new AppError("not_found", `Experience "${params.experienceKey}" was not found in this workspace.`);

  const base = groupsCte(params.workspaceId, experience.id, params.from, params.to);
  const totals = await queryRows<TotalRow>(
    db,
    sql`${base}
        select i.holdout, i.variant, i.impressions, i.visitors,
               coalesce(c.converters, 0)::int as converters, coalesce(c.conversions, 0)::int as conversions
        from (select holdout, variant, count(*)::int as impressions, count(distinct targeting_key)::int as visitors
              from imp group by holdout, variant) i
        left join (select holdout, variant, count(distinct targeting_key)::int as converters, count(*)::int as conversions
                   from conv group by holdout, variant) c on c.holdout = i.holdout and c.variant = i.variant`,
  );
  const withSeries = params.series !== false;
  const [dailyRows, firstRows] = withSeries ? await Promise.all([dailyQuery(db, base), firstDayQuery(db, base)]) : [[], []];

  // jsonb does not keep key order: the default variant first, then by key.
  const definedVariants = Object.entries(experience.variants ?? {})
    .map(([key, value]) => ({ key, name: variantName(key, value) }))
    .sort((x, y) => Number(y.key === experience.defaultVariant) - Number(x.key === experience.defaultVariant) || x.key.localeCompare(y.key));
  const seen = [...new Set(totals.filter((r) => !r.holdout).map((r) => r.variant))].filter((k) => !definedVariants.some((v) => v.key === k)).sort();
  const variantList = [...definedVariants, ...seen.map((key) => ({ key, name: key }))];

  const holdoutRow = totals.find((r) => r.holdout);
  const hasHoldout = experience.holdoutPercent > 0 || holdoutRow !== undefined;
  const holdout = hasHoldout ? toGroup(holdoutRow) : null;
  const variants = variantList.map(({ key, name }): VariantResult => {
    const group = toGroup(totals.find((r) => !r.holdout && r.variant === key));
    return { key, name, ...group, lift: holdout ? computeLift(holdout, group) : null };
  });

  return {
    experience: {
      key: experience.key,
      name: experience.name,
      status: experience.status,
      goalEvent: experience.goalEvent,
      holdoutPercent: experience.holdoutPercent,
      defaultVariant: experience.defaultVariant,
    },
    window: { from: params.from?.toISOString() ?? null, to: params.to?.toISOString() ?? null },
    holdout,
    variants,
    daily: dailySeries(dailyRows, variantList.map((v) => v.key), hasHoldout),
    cumulative: cumulativeSeries(firstRows, variantList.map((v) => v.key), hasHoldout),
    asOf: new Date().toISOString(),
  };
}

const cached = answerCache<ExperienceResults>({ ttlMs: 30_000, max: 200 });

/**
 * `getExperienceResults` through a 30-second in-memory cache per workspace, experience, window and
 * series flag, for the dashboard and the API: impressions arrive all the time, and a chart that is
 * half a minute old (its `asOf` says so) is worth not recounting on every view.
 */
export function getCachedExperienceResults(db: Database, params: Params & { refresh?: boolean }): Promise<ExperienceResults> {
  const key = [params.workspaceId, params.experienceKey, params.from?.toISOString() ?? "", params.to?.toISOString() ?? "", params.series !== false].join("\u0000");
  return cached(key, () => getExperienceResults(db, params), params.refresh);
}

/** Per UTC day and group: distinct visitors shown it that day, and conversions that day. */
function dailyQuery(db: Database, base: SQL) {
  return queryRows<DailyRow>(
    db,
    sql`${base}
        select to_char(day, 'YYYY-MM-DD') as day, holdout, variant, sum(visitors)::int as visitors, sum(conversions)::int as conversions
        from (
          select (at at time zone 'UTC')::date as day, holdout, variant, count(distinct targeting_key) as visitors, 0 as conversions
          from imp group by 1, 2, 3
          union all
          select (at at time zone 'UTC')::date, holdout, variant, 0, count(*) from conv group by 1, 2, 3
        ) per_day
        group by 1, 2, 3`,
  );
}

/** Per UTC day and group: visitors first shown it that day, and visitors who first converted that day. */
function firstDayQuery(db: Database, base: SQL) {
  return queryRows<FirstRow>(
    db,
    sql`${base}
        select to_char(day, 'YYYY-MM-DD') as day, holdout, variant, sum(visitors)::int as visitors, sum(converters)::int as converters
        from (
          select (min(at) at time zone 'UTC')::date as day, holdout, variant, 1 as visitors, 0 as converters
          from imp group by holdout, variant, targeting_key
          union all
          select (min(at) at time zone 'UTC')::date, holdout, variant, 0, 1
          from conv group by holdout, variant, targeting_key
        ) firsts
        group by 1, 2, 3`,
  );
}

/**
 * `imp`: impressions in the window. `conv`: conversions in the window of visitors exposed to the
 * same group in the window, so converters never exceed visitors when `from` cuts off exposures.
 * Holdout rows carry the default variant's key, which may change over time: they form one group
 * (variant '') so a holdout visitor is counted once.
 */
function groupsCte(workspaceId: string, experienceId: string, from?: Date, to?: Date): SQL {
  const window = (column: SQL) =>
    sql.join(
      [
        from ? sql`and ${column} >= ${from.toISOString()}::timestamptz` : sql``,
        to ? sql`and ${column} < ${to.toISOString()}::timestamptz` : sql``,
      ],
      sql` `,
    );
  return sql`with imp as (
      select holdout, case when holdout then '' else variant end as variant, targeting_key, at from impressions
      where workspace_id = ${workspaceId}::uuid and experience_id = ${experienceId}::uuid ${window(sql`at`)}
    ), conv as (
      select c.holdout, case when c.holdout then '' else c.variant end as variant, c.targeting_key, c.at from conversions c
      where c.workspace_id = ${workspaceId}::uuid and c.experience_id = ${experienceId}::uuid ${window(sql`c.at`)}
        and exists (select 1 from imp i where i.targeting_key = c.targeting_key and i.holdout = c.holdout
                    and (c.holdout or i.variant = c.variant))
    )`;
}

function toGroup(row: TotalRow | undefined): GroupResult {
  const visitors = Number(row?.visitors ?? 0);
  const converters = Number(row?.converters ?? 0);
  return { impressions: Number(row?.impressions ?? 0), visitors, converters, conversions: Number(row?.conversions ?? 0), conversionRate: visitors ? converters / visitors : 0 };
}

function variantName(key: string, value: unknown): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === "string" && name ? name : key;
}

/** One point per UTC day from the first to the last day with data, zeros filled in for the chart. */
function dailySeries(rows: DailyRow[], variantKeys: string[], hasHoldout: boolean): DailyPoint[] {
  if (rows.length === 0) return [];
  const days = rows.map((r) => r.day).sort();
  const first = Date.parse(`${days[0]}T00:00:00Z`);
  const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`);
  const points = new Map<string, DailyPoint>();
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const variants = Object.fromEntries(variantKeys.map((k) => [k, { visitors: 0, conversions: 0 }]));
    points.set(day, { day, holdout: hasHoldout ? { visitors: 0, conversions: 0 } : null, variants });
  }
  for (const row of rows) {
    const point = points.get(row.day)!;
    const target = row.holdout ? point.holdout! : (point.variants[row.variant] ??= { visitors: 0, conversions: 0 });
    target.visitors += Number(row.visitors);
    target.conversions += Number(row.conversions);
  }
  return [...points.values()];
}

/** Running sums of first-seen visitors and converters over every day with data, zeros carried forward. */
function cumulativeSeries(rows: FirstRow[], variantKeys: string[], hasHoldout: boolean): CumulativePoint[] {
  if (rows.length === 0) return [];
  const days = rows.map((r) => r.day).sort();
  const first = Date.parse(`${days[0]}T00:00:00Z`);
  const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`);
  const add = (target: Record<string, { visitors: number; converters: number }>, key: string, r: FirstRow) => {
    const g = (target[key] ??= { visitors: 0, converters: 0 });
    g.visitors += Number(r.visitors);
    g.converters += Number(r.converters);
  };
  const perDay = new Map<string, Record<string, { visitors: number; converters: number }>>();
  for (const r of rows) add((perDay.get(r.day) ?? perDay.set(r.day, {}).get(r.day)!), r.holdout ? "\u0000holdout" : r.variant, r);
  const running: Record<string, { visitors: number; converters: number }> = Object.fromEntries(
    [...variantKeys, ...(hasHoldout ? ["\u0000holdout"] : [])].map((k) => [k, { visitors: 0, converters: 0 }]),
  );
  const points: CumulativePoint[] = [];
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    for (const [key, g] of Object.entries(perDay.get(day) ?? {})) {
      const total = (running[key] ??= { visitors: 0, converters: 0 });
      total.visitors += g.visitors;
      total.converters += g.converters;
    }
    const group = ({ visitors, converters }: { visitors: number; converters: number }): CumulativeGroup => ({ visitors, converters, conversionRate: visitors ? converters / visitors : 0 });
    const { ["\u0000holdout"]: holdout, ...variants } = running;
    points.push({ day, holdout: holdout ? group(holdout) : null, variants: Object.fromEntries(Object.entries(variants).map(([k, g]) => [k, group(g)])) });
  }
  return points;
}
