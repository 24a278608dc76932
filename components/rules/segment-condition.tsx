"use client";

import { useBuilder } from "./builder-context";
import { InlineSelect, Word } from "./controls";
import { ConditionFrame } from "./node-chrome";
import { Picker } from "./picker";
import { hasProblemAt } from "./rule-problems";
import { pathKey, type NodePath, type RuleNode } from "./rule-tree";

export interface SegmentNode {
  type: "segment";
  id?: string;
  op: string;
  segment: string;
}

/** "[is in] segment [High spenders]". */
export function SegmentCondition({ node, path, siblings }: { node: SegmentNode; path: NodePath; siblings: number }) {
  const { segmentOptions, catalog, update, problems: all, disabled } = useBuilder();
  const problems = all.get(pathKey(path));
  const set = (patch: Partial<SegmentNode>) => update(path, (n) => ({ ...(n as unknown as SegmentNode), ...patch }) as unknown as RuleNode);
  // The segment being edited is not offered, but a rule loaded from JSON may still name it.
  const options = segmentOptions.some((o) => o.value === node.segment)
    ? segmentOptions
    : [...segmentOptions, ...(catalog.segments ?? []).filter((s) => s.key === node.segment).map((s) => ({ value: s.key, label: s.name, hint: s.key }))];

  return (
    <ConditionFrame path={path} siblings={siblings} kind="segment" problems={problems}>
      <div className="flex flex-wrap items-center gap-1.5">
        <InlineSelect value={node.op} fit={node.op === "not_in" ? "is not in" : node.op === "in" ? "is in" : `${node.op} (unknown)`} onChange={(e) => set({ op: e.target.value })} invalid={hasProblemAt(problems, ["op"])} disabled={disabled} aria-label="In or not in" data-testid="segment-op">
          <option value="in">is in</option>
          <option value="not_in">is not in</option>
          {node.op === "in" || node.op === "not_in" ? null : <option value={node.op}>{node.op} (unknown)</option>}
        </InlineSelect>
        <Word>segment</Word>
        <Picker
          value={node.segment}
          options={options}
          onChange={(segment) => set({ segment })}
          label="Segment"
          placeholder="Choose a segment"
          searchPlaceholder="Search segments…"
          emptyText="No other segments yet"
          invalid={hasProblemAt(problems, ["segment"]) || hasProblemAt(problems, [])}
          disabled={disabled}
          data-testid="segment-picker"
        />
      </div>
    </ConditionFrame>
  );
}
