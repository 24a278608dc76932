/**
 * What a rule needs from the database and from the clock: the segments it refers to, the event
 * names it reads (and how far back), and whether its answer can change with time alone.
 */
import type { EventCondition, Node } from "@/lib/rules/ast";
import { splitPath } from "@/lib/rules/fields";
import { parseIsoDate } from "@/lib/rules/iso-date";

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

function walk(node: Node, visit: (node: Node) => void) {
  visit(node);
  if (node.type === "group") for (const child of node.children) walk(child, visit);
}

/** Keys of the segments a rule refers to directly. */
export function referencedSegments(rule: Node): string[] {
  const keys = new Set<string>();
  walk(rule, (n) => {
    if (n.type === "segment") keys.add(n.segment);
  });
  return [...keys];
}

/** The earliest event time (epoch ms) a condition can read, or null when it reads all history. */
function earliestNeeded(c: EventCondition, now: number): number | null {
  switch (c.window.kind) {
    case "ever":
      return null;
    case "last":
      return now - c.window.amount * UNIT_MS[c.window.unit];
    case "between": {
      const from = parseIsoDate(c.window.from);
      return Number.isNaN(from) ? null : from;
    }
  }
}

/**
 * Adds a rule's event reads to `needs`: event name → earliest timestamp needed (null: all).
 * `since` events are read over all history (the latest one counts, however old).
 */
export function addEventNeeds(rule: Node, now: number, needs: Map<string, number | null>) {
  const need = (event: string, from: number | null) => {
    if (!needs.has(event)) needs.set(event, from);
    else {
      const known = needs.get(event)!;
      needs.set(event, known === null || from === null ? null : Math.min(known, from));
    }
  };
  walk(rule, (n) => {
    if (n.type !== "event") return;
    need(n.event, earliestNeeded(n, now));
    if (n.since) need(n.since.event, null);
  });
}

/**
 * Adds the event properties a rule reads to `needs`: event name → top-level property keys (of
 * filters, measures and `since` filters). A name read only for counts or times maps to an empty
 * set. Evaluating the rule on events that keep only these keys gives the same answer.
 */
export function addPropertyNeeds(rule: Node, needs: Map<string, Set<string>>) {
  const add = (event: string, properties: readonly string[]) => {
    let keys = needs.get(event);
    if (!keys) needs.set(event, (keys = new Set()));
    for (const property of properties) keys.add(splitPath(property)?.[0] ?? property);
  };
  walk(rule, (n) => {
    if (n.type !== "event") return;
    add(n.event, [...n.filters.map((f) => f.property), ...("property" in n.measure ? [n.measure.property] : [])]);
    if (n.since) add(n.since.event, n.since.filters.map((f) => f.property));
  });
}

/**
 * Whether the rule's own conditions can change their answer as time passes without new data:
 * relative windows (`last N`) and relative date operators. Segment references are not followed
 * here; callers close over them.
 */
export function dependsOnClock(rule: Node): boolean {
  let relative = false;
  walk(rule, (n) => {
    if (n.type === "trait" && (n.operator === "within_last_days" || n.operator === "more_than_days_ago")) relative = true;
    if (n.type !== "event") return;
    if (n.window.kind === "last") relative = true;
    if (n.comparison.op === "within_last_days" || n.comparison.op === "more_than_days_ago") relative = true;
    if ([...n.filters, ...(n.since?.filters ?? [])].some((f) => f.operator === "within_last_days" || f.operator === "more_than_days_ago")) relative = true;
  });
  return relative;
}
