"use client";

import { useBuilder } from "./builder-context";
import { EventCondition, type EventNode } from "./event-condition";
import { GroupView } from "./group-view";
import { ConditionFrame } from "./node-chrome";
import { isGroup, pathKey, type NodePath, type RuleNode } from "./rule-tree";
import { SegmentCondition, type SegmentNode } from "./segment-condition";
import { TraitCondition, type TraitNode } from "./trait-condition";

const has = (node: object, key: string, type: string) => typeof (node as Record<string, unknown>)[key] === type;

/**
 * One node of the tree, drawn by its type. The JSON view can produce anything, so a node whose
 * basic shape is wrong is shown as it is (with its error) rather than guessed at or hidden.
 */
export function NodeView({ node, path, siblings }: { node: RuleNode; path: NodePath; siblings: number }) {
  if (typeof node === "object" && node !== null) {
    if (isGroup(node)) return <GroupView node={node} path={path} siblings={siblings} />;
    switch ((node as { type?: unknown }).type) {
      case "trait":
        if (has(node, "field", "string") && has(node, "operator", "string")) return <TraitCondition node={node as unknown as TraitNode} path={path} siblings={siblings} />;
        break;
      case "event":
        if (has(node, "event", "string")) return <EventCondition node={node as unknown as EventNode} path={path} siblings={siblings} />;
        break;
      case "segment":
        if (has(node, "segment", "string") && has(node, "op", "string")) return <SegmentCondition node={node as unknown as SegmentNode} path={path} siblings={siblings} />;
        break;
    }
  }
  return <UnreadableNode node={node} path={path} siblings={siblings} />;
}

function UnreadableNode({ node, path, siblings }: { node: unknown; path: NodePath; siblings: number }) {
  const { problems } = useBuilder();
  return (
    <ConditionFrame path={path} siblings={siblings} kind="invalid" problems={problems.get(pathKey(path))}>
      <p className="pt-1 text-[13px] text-slate-600">The builder cannot show this part; fix it in the JSON view or remove it.</p>
      <pre className="overflow-x-auto rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700">{JSON.stringify(node)}</pre>
    </ConditionFrame>
  );
}
