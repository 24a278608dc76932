/**
 * Segment conditions compiled inline: the referenced segment's rule becomes part of the predicate.
 * Used until membership tables exist, and by counts of unsaved rules.
 */
import type { SQL } from "drizzle-orm";
import type { Rule } from "./ast";
import { compileToSql, type SqlContext } from "./compile-sql";

/** A SqlContext whose segmentSql compiles each referenced segment's parsed rule inline. */
export function inlineSegments(resolve: (key: string) => Rule | undefined, now: Date): SqlContext {
  const done = new Map<string, SQL>();
  const active: string[] = [];
  const ctx: SqlContext = {
    segmentSql(key) {
      const cached = done.get(key);
      if (cached) return cached;
      if (active.includes(key)) throw new Error(`Segment reference cycle: ${[...active, key].join(" → ")}`);
      const rule = resolve(key);
      if (!rule) throw new Error(`Unknown segment "${key}"`);
      active.push(key);
      try {
        const compiled = compileToSql(rule, now, ctx);
        done.set(key, compiled);
        return compiled;
      } finally {
        active.pop();
      }
    },
  };
  return ctx;
}
