/**
 * Which event conditions daily rollups answer exactly, and with which rows. Rollups hold counts
 * per profile, event, UTC day and — for ROLLUP_DIMENSIONS — per case-folded string value of one
 * property; so they answer `count` with no filter, or with one equals / one_of filter on such a
 * property, without `since`. Everything else reads raw events.
 */
import type { EventCondition } from "@/lib/rules/ast";
import { splitPath } from "@/lib/rules/fields";
import { foldAscii } from "@/lib/rules/fold-ascii";
import { ROLLUP_DIMENSIONS } from "../rollups";

/** The rollup rows standing for a condition's events: `dim_key = key and dim_value in values`. */
export interface RollupSlice {
  key: string;
  values: string[];
}

/** The slice answering `c`, or null when rollups cannot answer it exactly. */
export function rollupSlice(c: EventCondition): RollupSlice | null {
  if (c.since || c.measure.kind !== "count") return null;
  if (c.filters.length === 0) return { key: "", values: [""] };
  if (c.filters.length > 1) return null;
  const f = c.filters[0];
  const path = splitPath(f.property);
  const dims = Object.hasOwn(ROLLUP_DIMENSIONS, c.event) ? ROLLUP_DIMENSIONS[c.event] : [];
  if (!path || path.length !== 1 || !dims.includes(path[0])) return null;
  // Rollups split string values only: a number filter matches numbers, which they do not hold.
  let values: readonly unknown[];
  if (f.operator === "equals") values = [f.value];
  else if (f.operator === "one_of") values = f.value;
  else return null;
  if (!values.every((v): v is string => typeof v === "string")) return null;
  return { key: path[0], values: [...new Set(values.map(foldAscii))] };
}
