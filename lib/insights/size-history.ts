/**
 * A segment's size at the end of each of the last N UTC days, computed from the data as it was
 * then: the rule is evaluated *as of* each day's end (events up to that instant, windows ending
 * there, referenced segments as of then). Traits and other profile fields have no history, so
 * today's values are used on every day; a profile counts from the day it was first seen.
 *
 * Set-based when the rule allows (size-history-sql.ts: one query for all days); otherwise one
 * fast evaluation per day, which is slower but reports progress day by day.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Rule } from "@/lib/rules/ast";
import { DAY_MS } from "@/lib/rules/value-test";
import { compileToFastSql } from "@/lib/segments/fast-sql/compile-to-fast-sql";
import { inlineFastSegments } from "@/lib/segments/fast-sql/inline-fast-segments";
import { runFast } from "@/lib/segments/fast-sql/run-fast";
import { rollupsReady } from "@/lib/segments/rollups";
import { sizeHistorySql, Unsupported } from "./size-history-sql";

export const HISTORY_DAYS = 90;

export interface SizePoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Members at the end of the day. */
  size: number;
  /** Profiles that were not members at the end of the previous day and are at the end of this one. */
  entries: number;
  /** Profiles that were members at the end of the previous day and are not at the end of this one. */
  exits: number;
}

export interface SizeHistory {
  points: SizePoint[];
  /** `set`: one set-based query; `per_day`: one evaluation per day (rule shapes the set-based query cannot express). */
  method: "set" | "per_day";
  /** Why the set-based query could not be used, when it was not. */
  fallbackReason: string | null;
}

export interface BackfillParams {
  workspaceId: string;
  rule: Rule;
  /** Rules of other segments, for segment references. */
  resolve: (key: string) => Rule | undefined;
  /** The days computed are the `days` whole UTC days before the day of `now`. */
  now?: Date;
  days?: number;
  onProgress?: (done: number, message: string) => void | Promise<void>;
  /** Force one evaluation per day (tests and the benchmark compare both ways). */
  method?: "set" | "per_day";
}

/** The UTC day (YYYY-MM-DD) of epoch day number `n`. */
export const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** The instant the UTC day with epoch day number `n` ends at, as rules see it: next midnight − 1 ms. */
export const endOfDay = (n: number) => new Date((n + 1) * DAY_MS - 1);

/**
 * Daily sizes, entries and exits for the `days` whole UTC days before `now`'s day, oldest first,
 * evaluating the rule as of the end of each day.
 */
export async function backfillSizeHistory(db: Database, params: BackfillParams): Promise<SizeHistory> {
  const days = params.days ?? HISTORY_DAYS;
  const today = Math.floor((params.now ?? new Date()).getTime() / DAY_MS);
  // Day 0 is the day before the first reported day: its members are the baseline for day 1's entries and exits.
  const base = today - days - 1;
  const rollups = await rollupsReady(db, params.workspaceId);
  let fallbackReason: string | null = null;
  if (params.method !== "per_day") {
    try {
      const query = sizeHistorySql({ workspaceId: params.workspaceId, rule: params.rule, resolve: params.resolve, base, lastDay: days, rollups });
      await params.onProgress?.(0, "Computing all days at once");
      const { rows } = await runFast<{ day: number; entered: number; exited: number }>(db, [query]);
      const entered = new Array<number>(days + 1).fill(0);
      const exited = new Array<number>(days + 1).fill(0);
      for (const r of rows![0]) {
        entered[Number(r.day)] += Number(r.entered);
        exited[Number(r.day)] += Number(r.exited);
      }
      const points: SizePoint[] = [];
      let size = entered[0] - exited[0];
      for (let i = 1; i <= days; i++) {
        size += entered[i] - exited[i];
        points.push({ day: isoDay(base + i), size, entries: entered[i], exits: exited[i] });
      }
      await params.onProgress?.(days, "Done");
      return { points, method: "set", fallbackReason: null };
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      fallbackReason = error.message;
    }
  }
  return { points: await perDay(db, params, base, days, rollups), method: "per_day", fallbackReason: fallbackReason ?? "requested" };
}

/** One fast evaluation per day, comparing each day's members with the previous day's. */
async function perDay(db: Database, params: BackfillParams, base: number, days: number, rollups: boolean): Promise<SizePoint[]> {
  const points: SizePoint[] = [];
  const ws = sql`${params.workspaceId}::uuid`;
  const member = (n: number) => {
    const at = endOfDay(n);
    const ctx = inlineFastSegments(params.resolve, at, { workspaceId: params.workspaceId, rollups });
    return sql`(p.first_seen_at <= ${at.toISOString()}::timestamptz and ${compileToFastSql(params.rule, at, ctx)})`;
  };
  for (let i = 1; i <= days; i++) {
    const { rows } = await runFast<{ size: number; entries: number; exits: number }>(db, [
      sql`select count(*) filter (where x.now)::int as size, count(*) filter (where x.now and not x.before)::int as entries,
            count(*) filter (where x.before and not x.now)::int as exits
          from (select ${member(base + i)} as now, ${member(base + i - 1)} as before from profiles p where p.workspace_id = ${ws}) x`,
    ]);
    const r = rows![0][0];
    points.push({ day: isoDay(base + i), size: Number(r.size), entries: Number(r.entries), exits: Number(r.exits) });
    await params.onProgress?.(i, `Day ${i} of ${days}`);
  }
  return points;
}

export { Unsupported };
