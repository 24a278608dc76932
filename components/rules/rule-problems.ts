/**
 * Places the API's validation problems (`details[].path` like `["rule","children","0","value"]`)
 * on the builder node they belong to, so each message shows beside the control that caused it.
 * A problem that cannot be placed on a node stays in `unplaced`: nothing is dropped.
 */
import type { FieldProblem } from "@/components/api-client";
import { isGroup, pathKey, type RuleNode } from "./rule-tree";

export interface NodeProblem {
  /** The path inside the node, e.g. `["value"]`, `["filters","0","operator"]`; empty for the node itself. */
  at: string[];
  message: string;
}

export interface PlacedProblems {
  /** Node path key (`""` root, `"1.0"`) → its problems. */
  byNode: Map<string, NodeProblem[]>;
  /** Problems outside the rule (e.g. the segment key). */
  unplaced: FieldProblem[];
}

export const NO_PROBLEMS: PlacedProblems = { byNode: new Map(), unplaced: [] };

/** Groups problems by the deepest existing node on their path. */
export function placeProblems(details: readonly FieldProblem[], root: RuleNode): PlacedProblems {
  const byNode = new Map<string, NodeProblem[]>();
  const unplaced: FieldProblem[] = [];
  for (const problem of details) {
    const path = problem.path.map(String);
    if (path[0] !== "rule") {
      unplaced.push(problem);
      continue;
    }
    let node: unknown = root;
    const nodePath: number[] = [];
    let rest = path.slice(1);
    while (rest[0] === "children" && rest.length >= 2 && isGroup(node)) {
      const index = Number(rest[1]);
      if (!Number.isInteger(index) || node.children[index] === undefined) break;
      node = node.children[index];
      nodePath.push(index);
      rest = rest.slice(2);
    }
    const key = pathKey(nodePath);
    const list = byNode.get(key) ?? [];
    list.push({ at: rest, message: problem.message });
    byNode.set(key, list);
  }
  return { byNode, unplaced };
}

/** Whether any problem sits at or under `prefix` inside a node. */
export function hasProblemAt(problems: readonly NodeProblem[] | undefined, prefix: readonly string[]): boolean {
  return (problems ?? []).some((p) => prefix.every((segment, i) => p.at[i] === segment));
}

/** Whether a problem sits exactly at `at` (e.g. "the first bound is larger" on a whole window). */
export function hasProblemExactly(problems: readonly NodeProblem[] | undefined, at: readonly string[]): boolean {
  return (problems ?? []).some((p) => p.at.length === at.length && at.every((segment, i) => p.at[i] === segment));
}

/** The problems under `prefix`, with `prefix` removed from their paths. */
export function problemsUnder(problems: readonly NodeProblem[] | undefined, prefix: readonly string[]): NodeProblem[] {
  return (problems ?? []).filter((p) => prefix.every((segment, i) => p.at[i] === segment)).map((p) => ({ ...p, at: p.at.slice(prefix.length) }));
}

