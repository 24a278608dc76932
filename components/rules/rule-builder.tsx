"use client";

import { useMemo, useRef } from "react";
import { Button } from "@/components/ui/button";
import { indexCatalog, type Catalog } from "@/lib/rules/catalog";
import { BuilderContext, type BuilderContextValue } from "./builder-context";
import { eventOptions, fieldOptions, segmentOptions } from "./catalog-options";
import { focusLater } from "./node-chrome";
import { NodeView } from "./node-view";
import { NO_PROBLEMS, type PlacedProblems } from "./rule-problems";
import { appendChild, isGroup, moveNode, pathKey, removeNode, updateNode, wrapInGroup, type RuleNode } from "./rule-tree";

export interface RuleBuilderProps {
  /** The rule JSON; the builder edits exactly this value (no separate state). */
  value: RuleNode;
  onChange: (value: RuleNode) => void;
  catalog: Catalog;
  disabled?: boolean;
  /** Validation problems placed on nodes (see placeProblems). */
  problems?: PlacedProblems;
  /** `perCondition` of the live count: each top-level part's own count. */
  perCondition?: readonly { index: number; count: number }[];
  countsStale?: boolean;
  /** Key of the segment being edited: it is not offered as a segment condition. */
  segmentKey?: string;
}

/**
 * The visual rule editor. A controlled component over the rule JSON, so the JSON view and the
 * builder edit one value; groups and conditions read as sentences and show their own counts and
 * validation problems in place.
 */
export function RuleBuilder({ value, onChange, catalog, disabled = false, problems = NO_PROBLEMS, perCondition, countsStale = false, segmentKey }: RuleBuilderProps) {
  // Actions read the latest value through a ref, so two quick edits never start from a stale tree.
  const latest = useRef(value);
  latest.current = value;
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  const options = useMemo(
    () => ({ index: indexCatalog(catalog), fieldOptions: fieldOptions(catalog), eventOptions: eventOptions(catalog), segmentOptions: segmentOptions(catalog, segmentKey) }),
    [catalog, segmentKey],
  );

  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const part of perCondition ?? []) map.set(isGroup(value) ? String(part.index) : "", part.count);
    return map;
  }, [perCondition, value]);

  const ctx: BuilderContextValue = useMemo(() => {
    const commit = (next: RuleNode) => {
      latest.current = next;
      changeRef.current(next);
    };
    return {
      catalog,
      ...options,
      disabled,
      problems: problems.byNode,
      counts,
      countsStale,
      update: (path, fn) => commit(updateNode(latest.current, path, fn)),
      remove: (path) => {
        commit(removeNode(latest.current, path));
        const parent = pathKey(path.slice(0, -1));
        focusLater(`[data-testid="add-condition"][data-group="${parent || "root"}"]`);
      },
      move: (path, delta) => commit(moveNode(latest.current, path, delta).root),
      append: (groupPath, node) => {
        const result = appendChild(latest.current, groupPath, node);
        commit(result.root);
        const at = `[data-node-path="${pathKey(result.path)}"]`;
        // The new node's first picker (field, event, segment), so choosing is the next keystroke.
        focusLater(`${at} [aria-haspopup="listbox"]`, `${at} button`);
      },
    };
  }, [catalog, options, disabled, problems, counts, countsStale]);

  return (
    <BuilderContext.Provider value={ctx}>
      <div className="space-y-3" data-testid="rule-builder" aria-disabled={disabled || undefined}>
        <NodeView node={value} path={[]} siblings={1} />
        {isGroup(value) || disabled ? null : (
          <Button variant="secondary" size="sm" onClick={() => onChange(wrapInGroup(value))} data-testid="wrap-in-group">
            Combine with more conditions
          </Button>
        )}
      </div>
    </BuilderContext.Provider>
  );
}
