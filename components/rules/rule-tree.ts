/**
 * Immutable edits of a rule tree addressed by node paths (child indexes from the root, `[1, 0]` is
 * the first child of the second child). The builder's state is the rule JSON itself, so every edit
 * returns a new tree and leaves the old one untouched.
 */
import type { RuleInput } from "@/lib/rules/ast";

export type RuleNode = RuleInput;
export type NodePath = readonly number[];
export type GroupNode = Extract<RuleNode, { type: "group" }>;

/** `[1, 0]` → `"1.0"`; the root is `""`. Used for test ids, error and count lookups. */
export const pathKey = (path: NodePath): string => path.join(".");

export function isGroup(node: unknown): node is GroupNode {
  return typeof node === "object" && node !== null && (node as { type?: unknown }).type === "group" && Array.isArray((node as { children?: unknown }).children);
}

/** The node at `path`, or undefined when the path leaves the tree. */
export function getNode(root: RuleNode, path: NodePath): RuleNode | undefined {
  let node: RuleNode | undefined = root;
  for (const i of path) node = isGroup(node) ? node.children[i] : undefined;
  return node;
}

/** Replaces the node at `path` by `fn(node)`. */
export function updateNode(root: RuleNode, path: NodePath, fn: (node: RuleNode) => RuleNode): RuleNode {
  if (path.length === 0) return fn(root);
  if (!isGroup(root)) return root;
  const [head, ...rest] = path;
  const child = root.children[head];
  if (child === undefined) return root;
  const children = root.children.slice();
  children[head] = updateNode(child, rest, fn);
  return { ...root, children };
}

/** Removes the node at `path` (the root cannot be removed: it becomes an empty "all of" group). */
export function removeNode(root: RuleNode, path: NodePath): RuleNode {
  if (path.length === 0) return emptyGroup();
  const parent = path.slice(0, -1);
  const index = path[path.length - 1];
  return updateNode(root, parent, (g) => (isGroup(g) ? { ...g, children: g.children.filter((_, i) => i !== index) } : g));
}

/** Appends `node` to the group at `groupPath`; returns the new tree and the new node's path. */
export function appendChild(root: RuleNode, groupPath: NodePath, node: RuleNode): { root: RuleNode; path: number[] } {
  let index = 0;
  const next = updateNode(root, groupPath, (g) => {
    if (!isGroup(g)) return g;
    index = g.children.length;
    return { ...g, children: [...g.children, node] };
  });
  return { root: next, path: [...groupPath, index] };
}

/** Moves the node at `path` one place up (-1) or down (+1) among its siblings. */
export function moveNode(root: RuleNode, path: NodePath, delta: -1 | 1): { root: RuleNode; path: number[] } {
  const parent = path.slice(0, -1);
  const from = path[path.length - 1];
  const to = from + delta;
  let moved = false;
  const next = updateNode(root, parent, (g) => {
    if (!isGroup(g) || to < 0 || to >= g.children.length) return g;
    const children = g.children.slice();
    [children[from], children[to]] = [children[to], children[from]];
    moved = true;
    return { ...g, children };
  });
  return { root: next, path: [...parent, moved ? to : from] };
}

/** Wraps a non-group root into an "all of" group, so more conditions can be added beside it. */
export function wrapInGroup(node: RuleNode): GroupNode {
  return { type: "group", op: "and", children: [node] };
}

export function emptyGroup(): GroupNode {
  return { type: "group", op: "and", children: [] };
}

/** How deep the group at `path` sits (the root group is depth 1), to stop nesting past MAX_DEPTH. */
export const groupDepth = (path: NodePath): number => path.length + 1;
