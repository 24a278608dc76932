/**
 * Segment references in a rule: each must name an existing segment, and following references
 * from segment to segment must never come back — to the segment being saved, or in a loop among
 * stored segments. A cycle is reported with its chain of keys.
 */
import type { Node } from "./ast";
import type { RuleError } from "./rule-error";

type Path = (string | number)[];

export interface SegmentLookup {
  /** The stored rule (JSON) of the segment with this key, or undefined when there is none. */
  lookupSegment?: (key: string) => unknown;
  /** The key of the segment whose rule is being parsed, when it has one. */
  segmentKey?: string;
}

function referencesIn(rule: unknown, found: Set<string>, depth = 0): Set<string> {
  if (depth > 64 || typeof rule !== "object" || rule === null) return found;
  const node = rule as { type?: unknown; segment?: unknown; children?: unknown };
  if (node.type === "segment" && typeof node.segment === "string") found.add(node.segment);
  if (Array.isArray(node.children)) for (const child of node.children) referencesIn(child, found, depth + 1);
  return found;
}

function referencesWithPaths(node: Node, path: Path, out: { key: string; path: Path }[]): typeof out {
  if (node.type === "segment") out.push({ key: node.segment, path: [...path, "segment"] });
  if (node.type === "group") node.children.forEach((c, i) => referencesWithPaths(c, [...path, "children", i], out));
  return out;
}

/** Depth-first search from `start`; returns the first chain that returns to `self` or loops. */
function findCycle(start: string, lookup: (key: string) => unknown, self: string | undefined): string[] | null {
  const stack: string[] = [];
  const finished = new Set<string>();
  const visit = (key: string): string[] | null => {
    if (key === self) return [...stack, key];
    const loop = stack.indexOf(key);
    if (loop >= 0) return [...stack.slice(loop), key];
    if (finished.has(key)) return null;
    stack.push(key);
    for (const next of referencesIn(lookup(key), new Set())) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    finished.add(key);
    return null;
  };
  return visit(start);
}

/** Existence and cycle checks for every segment condition in a rule. */
export function checkSegments(rule: Node, options: SegmentLookup): RuleError[] {
  const errors: RuleError[] = [];
  const { lookupSegment, segmentKey } = options;
  for (const { key, path } of referencesWithPaths(rule, [], [])) {
    if (!lookupSegment) {
      errors.push({ path, code: "unknown_segment", message: `Cannot check segment "${key}": no segment lookup was given to parse.` });
      continue;
    }
    if (key !== segmentKey && lookupSegment(key) === undefined) {
      errors.push({ path, code: "unknown_segment", message: `Unknown segment "${key}". Pick an existing segment by its key.` });
      continue;
    }
    const chain = findCycle(key, lookupSegment, segmentKey);
    if (chain) {
      const loopsAmongStored = chain.length > 1 && chain[0] === chain[chain.length - 1];
      const cycle = loopsAmongStored ? chain : [segmentKey ?? "this rule", ...chain];
      errors.push({
        path,
        code: "segment_cycle",
        cycle,
        message: `Segment reference cycle: ${cycle.join(" → ")}. A segment cannot include itself, directly or through other segments; remove this reference.`,
      });
    }
  }
  return errors;
}
