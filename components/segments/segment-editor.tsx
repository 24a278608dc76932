"use client";

import { useMemo, useState, type ReactNode } from "react";
import { ApiRequestError, type FieldProblem } from "@/components/api-client";
import { RuleBuilder } from "@/components/rules/rule-builder";
import { RuleJsonEditor } from "@/components/rules/rule-json-editor";
import { placeProblems } from "@/components/rules/rule-problems";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { Catalog } from "@/lib/rules/catalog";
import { LiveCount } from "./live-count";
import { SegmentDetails, type DetailErrors } from "./segment-details";
import { useRulePreview } from "./use-rule-preview";
import type { SegmentDraftState } from "./use-segment-draft";

export interface SegmentEditorProps {
  workspace: string;
  catalog: Catalog;
  state: SegmentDraftState;
  /** Key of the saved segment being edited (absent for a new one). */
  segmentKey?: string;
  canEdit: boolean;
  /** Field errors from the last save attempt or the client-side checks. */
  detailErrors: DetailErrors;
  /** The last save's error, if any (its rule problems are shown on the builder nodes). */
  saveError: Error | null;
  /** The save panel (button, status, conflict message); absent for viewers. */
  savePanel?: ReactNode;
  /** Told when the JSON view holds text that is not a rule (saving should wait). */
  onRuleTextError?: (message: string | null) => void;
}

function ruleDetails(error: Error | null): FieldProblem[] {
  return error instanceof ApiRequestError && error.status === 422 ? error.details.filter((d) => d.path[0] === "rule") : [];
}

/** Details, the rule (visual builder or JSON) and, beside them, the save panel and the live count. */
export function SegmentEditor({ workspace, catalog, state, segmentKey, canEdit, detailErrors, saveError, savePanel, onRuleTextError }: SegmentEditorProps) {
  const [view, setView] = useState<"visual" | "json">("visual");
  const { draft, set } = state;
  const preview = useRulePreview(workspace, draft.rule, segmentKey);

  const details = useMemo(() => {
    const seen = new Set<string>();
    return [...ruleDetails(preview.error), ...ruleDetails(saveError)].filter((d) => {
      const id = `${d.path.join(".")}|${d.message}`;
      return !seen.has(id) && seen.add(id);
    });
  }, [preview.error, saveError]);
  const problems = useMemo(() => placeProblems(details, draft.rule), [details, draft.rule]);
  const data = preview.data;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_19rem]">
      <div className="min-w-0 space-y-6">
        <SegmentDetails state={state} errors={detailErrors} keyEditable={!segmentKey && canEdit} disabled={!canEdit} />
        <Card>
          <CardHeader
            title="Who is in this segment"
            description={canEdit ? "Who people are and what they did. The count updates as you edit." : "You have view-only access to this workspace."}
            actions={<ViewSwitch view={view} onView={setView} />}
          />
          <div className="px-5 py-4">
            {view === "visual" ? (
              <RuleBuilder
                value={draft.rule}
                onChange={(rule) => set("rule", rule)}
                catalog={catalog}
                disabled={!canEdit}
                problems={problems}
                perCondition={data?.perCondition}
                countsStale={preview.stale}
                segmentKey={segmentKey}
              />
            ) : (
              <RuleJsonEditor value={draft.rule} onChange={(rule) => set("rule", rule)} disabled={!canEdit} problems={details} onTextError={onRuleTextError} />
            )}
            {problems.unplaced.length ? (
              <Alert tone="danger" className="mt-4">
                {problems.unplaced.map((p) => p.message).join(" ")}
              </Alert>
            ) : null}
          </div>
        </Card>
      </div>
      <aside className="space-y-4 lg:sticky lg:top-6 lg:max-h-[calc(100dvh-3rem)] lg:overflow-y-auto" aria-label="Save and audience size">
        {savePanel}
        <LiveCount preview={preview} />
      </aside>
    </div>
  );
}

/** Visual builder or JSON: two views of one rule. */
function ViewSwitch({ view, onView }: { view: "visual" | "json"; onView: (v: "visual" | "json") => void }) {
  return (
    <div role="tablist" aria-label="Rule view" className="inline-flex rounded-md bg-slate-100 p-0.5">
      {(["visual", "json"] as const).map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={view === v}
          onClick={() => onView(v)}
          className={cn(
            "h-7 rounded px-3 text-xs font-semibold transition-colors",
            view === v ? "bg-white text-slate-900 shadow-xs ring-1 ring-slate-200" : "text-slate-500 hover:text-slate-800",
          )}
          data-testid={`view-${v}`}
        >
          {v === "visual" ? "Builder" : "JSON"}
        </button>
      ))}
    </div>
  );
}
