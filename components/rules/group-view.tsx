"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { MAX_DEPTH } from "@/lib/rules/ast";
import { AddConditionMenu } from "./add-menu";
import { useBuilder } from "./builder-context";
import { newGroup, newNode, type NewNodeKind } from "./new-nodes";
import { CountPill, NodeActions, ProblemList } from "./node-chrome";
import { NodeView } from "./node-view";
import { groupDepth, pathKey, type GroupNode, type NodePath } from "./rule-tree";

function explain(op: string, negate: boolean, n: number): string {
  if (n === 0) {
    const everyone = (op === "and") !== negate;
    return everyone ? "No conditions yet, so this matches everyone. Add a condition to narrow it down." : "No conditions yet, so this matches no one. Add a condition.";
  }
  if (op === "and") return negate ? "Leaves out people who match every condition below." : "People must match every condition below.";
  return negate ? "Leaves out people who match any condition below." : "People must match at least one condition below.";
}

/** "All of" / "Any of" as a two-button switch, with "Not" in front when the group is negated. */
function OpSwitch({ op, negate, onOp, onNegate, disabled }: { op: string; negate: boolean; onOp: (op: "and" | "or") => void; onNegate: () => void; disabled: boolean }) {
  const labels = negate ? { and: "Not all of", or: "None of" } : { and: "All of", or: "Any of" };
  return (
    <div className="flex items-center gap-1.5">
      <button
        type="button"
        aria-pressed={negate}
        disabled={disabled}
        onClick={onNegate}
        title={negate ? "Stop excluding: include the people who match" : "Exclude the people who match instead"}
        className={cn(
          "h-7 rounded-md px-2 text-xs font-semibold ring-1 ring-inset transition-colors disabled:cursor-not-allowed",
          negate ? "bg-red-50 text-red-700 ring-red-600/25" : "bg-white text-slate-500 ring-slate-300 hover:text-slate-700",
        )}
        data-testid="negate-toggle"
      >
        Not
      </button>
      <div role="radiogroup" aria-label="Combine conditions" className="inline-flex rounded-md bg-slate-100 p-0.5" data-testid="group-op-toggle" data-op={op}>
        {(["and", "or"] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={op === value}
            disabled={disabled}
            onClick={() => onOp(value)}
            className={cn(
              "h-6 rounded px-2.5 text-xs font-semibold transition-colors disabled:cursor-not-allowed",
              op === value ? "bg-white text-accent-700 shadow-xs ring-1 ring-slate-200" : "text-slate-500 hover:text-slate-800",
            )}
            data-op={value}
          >
            {labels[value]}
          </button>
        ))}
      </div>
    </div>
  );
}

/** A group of conditions: its combinator, its children joined by AND/OR, and buttons to add more. */
export function GroupView({ node, path, siblings }: { node: GroupNode; path: NodePath; siblings: number }) {
  const ctx = useBuilder();
  const [collapsed, setCollapsed] = useState(false);
  const root = path.length === 0;
  const key = pathKey(path);
  const problems = ctx.problems.get(key);
  const negate = Boolean(node.negate);
  const children = node.children;
  const joiner = node.op === "or" ? "or" : "and";
  const inside = [...ctx.problems.keys()].filter((k) => (key === "" ? k !== "" : k.startsWith(`${key}.`))).length;
  const unavailable = {
    event: ctx.eventOptions.length ? undefined : "No events received yet",
    segment: ctx.segmentOptions.length ? undefined : "No other segments yet",
  };
  const setGroup = (patch: Partial<GroupNode>) =>
    ctx.update(path, (n) => {
      const next = { ...(n as GroupNode), ...patch };
      if (!next.negate) delete next.negate;
      return next;
    });

  return (
    <div
      data-testid={root ? "rule-root" : `condition-${key}`}
      data-node-path={key}
      data-node-kind="group"
      data-invalid={problems?.length ? true : undefined}
      className={cn(!root && "rounded-lg border bg-slate-50/80 p-3", !root && (problems?.length || (collapsed && inside) ? "border-red-300" : "border-slate-200"))}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        {root ? null : (
          <button
            type="button"
            onClick={() => setCollapsed((c) => !c)}
            aria-expanded={!collapsed}
            aria-label={collapsed ? "Expand group" : "Collapse group"}
            className="flex size-7 items-center justify-center rounded-md text-slate-500 hover:bg-slate-200/60"
            data-testid="collapse-toggle"
          >
            <svg viewBox="0 0 16 16" className={cn("size-3.5 transition-transform", collapsed && "-rotate-90")} fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
              <path d="M4 6l4 4 4-4" />
            </svg>
          </button>
        )}
        <OpSwitch op={node.op} negate={negate} disabled={ctx.disabled} onOp={(op) => setGroup({ op })} onNegate={() => setGroup({ negate: !negate })} />
        <p className="min-w-0 flex-1 text-xs text-slate-500">
          {collapsed ? `${children.length} ${children.length === 1 ? "condition" : "conditions"} hidden` : explain(node.op, negate, children.length)}
          {collapsed && inside ? (
            <span className="ml-2 font-medium text-red-700" role="alert">
              {inside === 1 ? "1 condition inside needs fixing" : `${inside} conditions inside need fixing`}: expand the group.
            </span>
          ) : null}
        </p>
        <div className="flex items-center gap-1">
          <CountPill path={path} />
          {root ? null : <NodeActions path={path} siblings={siblings} what="group" />}
        </div>
      </div>
      <ProblemList problems={problems} />

      {collapsed ? null : (
        <>
          {children.length ? (
            <ol className="mt-3">
              {children.map((child, i) => (
                <li key={i}>
                  {i > 0 ? (
                    <div className="flex items-center py-1 pl-6" aria-hidden="true">
                      <span className={cn("rounded px-1.5 py-0.5 text-[10px] font-bold tracking-wider uppercase", joiner === "and" ? "bg-accent-50 text-accent-700" : "bg-amber-50 text-amber-800")}>
                        {joiner}
                      </span>
                    </div>
                  ) : null}
                  <NodeView node={child} path={[...path, i]} siblings={children.length} />
                </li>
              ))}
            </ol>
          ) : null}
          {ctx.disabled ? null : (
            <div className="mt-3 flex flex-wrap items-center gap-2">
              <AddConditionMenu groupKey={key} unavailable={unavailable} onAdd={(kind: NewNodeKind) => ctx.append(path, newNode(kind, ctx))} />
              <Button
                variant="ghost"
                size="sm"
                onClick={() => ctx.append(path, newGroup(node.op, ctx))}
                disabled={groupDepth(path) >= MAX_DEPTH}
                title={groupDepth(path) >= MAX_DEPTH ? `Groups nest at most ${MAX_DEPTH} deep` : "A group combines its own conditions with the other operator"}
                data-testid="add-group"
                data-group={key || "root"}
              >
                <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                  <path d="M5 2.5H3.5v11H5M11 2.5h1.5v11H11" />
                </svg>
                Add group
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
