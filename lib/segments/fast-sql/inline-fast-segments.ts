/**
 * Segment conditions for the fast engine, compiled inline like lib/rules/inline-segments.ts but
 * with compileToFastSql, so a referenced segment's event conditions are set-based too.
 */
import type { SQL } from "drizzle-orm";
import type { Rule } from "@/lib/rules/ast";
import { compileToFastSql, type FastSqlContext } from "./compile-to-fast-sql";

/** A FastSqlContext whose segmentSql compiles each referenced segment's parsed rule inline. */
export function inlineFastSegments(
  resolve: (key: string) => Rule | undefined,
  now: Date,
  base: Omit<FastSqlContext, "segmentSql">,
): FastSqlContext {
  const done = new Map<string, SQL>();
  const active: string[] = [];
  const ctx: FastSqlContext = {
    ...base,
    segmentSql(key) {
      const cached = done.get(key);
      if (cached) return cached;
      if (active.includes(key)) throw new Error(`Segment reference cycle: ${[...active, key].join(" → ")}`);
      const rule = resolve(key);
      if (!rule) throw new Error(`Unknown segment "${key}"`);
      active.push(key);
      try {
        const compiled = compileToFastSql(rule, now, ctx);
        done.set(key, compiled);
        return compiled;
      } finally {
        active.pop();
      }
    },
  };
  return ctx;
}
