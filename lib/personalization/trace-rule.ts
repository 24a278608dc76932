/**
 * Why an inline audience rule did not match: each top-level condition that evaluated false, with
 * the value the visitor actually had. For the preview page; not on the hot path.
 */
import type { Node, Rule } from "@/lib/rules/ast";
import { evaluate, type Facts } from "@/lib/rules/evaluate";
import { resolveField } from "@/lib/rules/fields";

export interface FailedCondition {
  /** JSON path of the condition inside the audience rule. */
  path: (string | number)[];
  condition: string;
  actual: unknown;
}

function valueOf(node: Node, facts: Facts): unknown {
  if (node.type === "trait") {
    const ref = resolveField(node.field);
    if (!ref) return undefined;
    if (ref.source === "traits" || ref.source === "context") {
      let v: unknown = ref.source === "traits" ? facts.profile.traits : facts.profile.context;
      for (const k of ref.path) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined;
      return v ?? null;
    }
    if (ref.source === "user_id") return facts.profile.userId;
    if (ref.source === "known") return facts.profile.userId !== null;
    return ref.source === "first_seen_at" ? facts.profile.firstSeenAt.toISOString() : facts.profile.lastSeenAt.toISOString();
  }
  if (node.type === "event") return { matchingEventsLoaded: facts.events.filter((e) => e.event === node.event).length };
  if (node.type === "segment") return { member: facts.segments?.(node.segment) ?? false };
  return undefined;
}

function label(node: Node): string {
  switch (node.type) {
    case "trait":
      return `${node.field} ${node.operator}${"value" in node ? ` ${JSON.stringify(node.value)}` : ""}`;
    case "event":
      return `${node.event} ${node.measure.kind} ${node.comparison.op} ${JSON.stringify(node.comparison.value)} (${node.window.kind})`;
    case "segment":
      return `${node.op === "in" ? "in" : "not in"} segment ${node.segment}`;
    case "group":
      return `${node.negate ? "not " : ""}${node.op} group of ${node.children.length}`;
  }
}

/** The top-level conditions of `rule` that are false for `facts` (the rule itself when it is a single condition). */
export function explainMiss(rule: Rule, facts: Facts, now: Date): FailedCondition[] {
  const node = rule as Node;
  if (node.type !== "group" || node.negate) return [{ path: [], condition: label(node), actual: valueOf(node, facts) }];
  return node.children
    .map((child, i) => ({ child, i }))
    .filter(({ child }) => !evaluate(child as Rule, facts, now))
    .map(({ child, i }) => ({ path: ["children", i], condition: label(child), actual: valueOf(child, facts) }));
}
