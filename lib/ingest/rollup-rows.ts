import { ROLLUP_DIMENSIONS, rollupDimValue } from "@/lib/segments/rollups";
import { utcDay } from "./timestamps";
import type { Json } from "./types";

export interface RollupRow {
  profile_id: string;
  event: string;
  dim_key: string;
  dim_value: string;
  day: string;
  count: number;
  revenue: number;
}

/** `properties.revenue` when it is a JSON number, else 0 — the same rule as the SQL rebuild. */
export function revenueOf(properties: Json): number {
  const r = properties.revenue;
  return typeof r === "number" && Number.isFinite(r) ? r : 0;
}

/**
 * Aggregates stored events into rollup rows (one per profile, event, dimension value and UTC day)
 * so that a batch upserts each row once: PostgreSQL refuses to update the same row twice in one
 * `insert … on conflict do update`. Rows come back sorted so concurrent batches lock in one order.
 */
export function aggregateRollups(events: readonly { profileId: string; event: string; properties: Json; timestamp: Date }[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  const add = (profileId: string, event: string, dimKey: string, dimValue: string, day: string, revenue: number) => {
    // NUL never occurs in stored strings (validation refuses it), so it is a safe separator.
    const key = [profileId, event, dimKey, dimValue, day].join("\u0000");
    const row = rows.get(key);
    if (row) {
      row.count += 1;
      row.revenue += revenue;
    } else {
      rows.set(key, { profile_id: profileId, event, dim_key: dimKey, dim_value: dimValue, day, count: 1, revenue });
    }
  };
  for (const e of events) {
    const day = utcDay(e.timestamp).toISOString();
    const revenue = revenueOf(e.properties);
    add(e.profileId, e.event, "", "", day, revenue);
    // hasOwn: an event named "constructor" must not find Object.prototype.constructor.
    const dims = Object.hasOwn(ROLLUP_DIMENSIONS, e.event) ? ROLLUP_DIMENSIONS[e.event] : [];
    for (const dimKey of dims) {
      const value = Object.hasOwn(e.properties, dimKey) ? rollupDimValue(e.properties[dimKey]) : null;
      if (value !== null) add(e.profileId, e.event, dimKey, value, day, revenue);
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
