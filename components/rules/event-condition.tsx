"use client";

import type { ReactNode } from "react";
import { useBuilder } from "./builder-context";
import { InlineSelect, Word } from "./controls";
import { MeasureEditor, WindowEditor } from "./event-measure";
import { isNever, type ComparisonValue, type MeasureValue, type WindowValue } from "./event-parts";
import { ConditionFrame } from "./node-chrome";
import { Picker } from "./picker";
import { PropertyFilters, newFilter, type FilterValue } from "./property-filters";
import { hasProblemAt, problemsUnder } from "./rule-problems";
import { pathKey, type NodePath, type RuleNode } from "./rule-tree";

export interface EventNode {
  type: "event";
  id?: string;
  event: string;
  filters?: FilterValue[];
  measure?: MeasureValue;
  comparison?: ComparisonValue;
  window?: WindowValue;
  since?: { event: string; filters?: FilterValue[] };
}

function SmallButton({ onClick, children, testId }: { onClick: () => void; children: ReactNode; testId: string }) {
  return (
    <button type="button" onClick={onClick} className="rounded-md px-2 py-1 text-xs font-medium text-accent-700 hover:bg-accent-50" data-testid={testId}>
      {children}
    </button>
  );
}

/**
 * "[did] [Page Viewed] where [category] [is] [sports] — [number of times] [at least] [3] times
 * [in the last] [30] [days], but not since [Order Completed]".
 */
export function EventCondition({ node, path, siblings }: { node: EventNode; path: NodePath; siblings: number }) {
  const { index, eventOptions, update, problems: all, disabled } = useBuilder();
  const problems = all.get(pathKey(path));
  const filters = Array.isArray(node.filters) ? node.filters : [];
  const measure: MeasureValue = node.measure ?? { kind: "count" };
  const comparison: ComparisonValue = node.comparison ?? { op: "at_least", value: 1 };
  const window: WindowValue = node.window ?? { kind: "ever" };
  const properties = index.events.get(node.event)?.event.properties ?? [];
  const never = isNever(measure, comparison);
  const set = (patch: Partial<EventNode>) =>
    update(path, (n) => {
      const next: Record<string, unknown> = { ...(n as unknown as EventNode), ...patch };
      for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
      return next as unknown as RuleNode;
    });

  function changeEvent(event: string) {
    const next = index.events.get(event);
    // Keep the filters (and summed property) that still exist on the new event.
    const keep = filters.filter((f) => next?.properties.has(f.property));
    const numeric = next?.event.properties.find((p) => p.type === "number")?.property;
    const nextMeasure = measure.property !== undefined && next?.properties.get(measure.property)?.type !== "number" ? (numeric ? { ...measure, property: numeric } : { kind: "count" }) : measure;
    set({ event, filters: keep, measure: nextMeasure, comparison: nextMeasure === measure ? comparison : { op: "at_least", value: 1 } });
  }

  const sinceEvent = node.since;
  const sinceProperties = sinceEvent ? (index.events.get(sinceEvent.event)?.event.properties ?? []) : [];
  const firstOther = eventOptions.find((o) => o.value !== node.event)?.value ?? node.event;
  const canFilter = properties.length > 0;

  return (
    <ConditionFrame path={path} siblings={siblings} kind="event" problems={problems}>
      <div className="flex flex-wrap items-center gap-1.5">
        <InlineSelect
          value={never ? "never" : "did"}
          fit={never ? "did not do" : "did"}
          onChange={(e) => set(e.target.value === "never" ? { measure: { kind: "count" }, comparison: { op: "exactly", value: 0 } } : { comparison: { op: "at_least", value: 1 } })}
          disabled={disabled}
          aria-label="Did or did not"
          data-testid="event-did"
        >
          <option value="did">did</option>
          <option value="never">did not do</option>
        </InlineSelect>
        <Picker
          value={node.event}
          options={eventOptions}
          onChange={changeEvent}
          label="Event"
          placeholder="Choose an event"
          searchPlaceholder="Search events…"
          emptyText="No event with that name has been received"
          invalid={hasProblemAt(problems, ["event"])}
          disabled={disabled}
          data-testid="event-picker"
        />
      </div>
      {filters.length ? (
        <PropertyFilters filters={filters} properties={properties} onChange={(next) => set({ filters: next })} problems={problemsUnder(problems, ["filters"])} disabled={disabled} />
      ) : null}
      <div className="flex flex-wrap items-center gap-1.5">
        {never ? null : <MeasureEditor measure={measure} comparison={comparison} properties={properties} onChange={(next) => set(next)} problems={problems} disabled={disabled} />}
        <WindowEditor window={window} onChange={(w) => set({ window: w })} problems={problems} disabled={disabled} />
      </div>
      {sinceEvent ? (
        <div className="space-y-2 rounded-md border border-dashed border-slate-200 bg-slate-50/60 px-2 py-2" data-testid="since">
          <div className="flex flex-wrap items-center gap-1.5">
            <Word>but not since they did</Word>
            <Picker
              value={sinceEvent.event}
              options={eventOptions}
              onChange={(event) => set({ since: { event, filters: [] } })}
              label="Since event"
              placeholder="Choose an event"
              invalid={hasProblemAt(problems, ["since", "event"])}
              disabled={disabled}
              data-testid="since-event-picker"
            />
            {disabled ? null : (
              <>
                {sinceProperties.length ? (
                  <SmallButton testId="add-since-filter" onClick={() => { const f = newFilter(sinceProperties); if (f) set({ since: { ...sinceEvent, filters: [...(sinceEvent.filters ?? []), f] } }); }}>
                    + where…
                  </SmallButton>
                ) : null}
                <button
                  type="button"
                  onClick={() => set({ since: undefined })}
                  className="flex size-6 items-center justify-center rounded-md text-slate-400 hover:bg-red-50 hover:text-red-600"
                  aria-label="Remove “but not since”"
                  title="Remove “but not since”"
                  data-testid="remove-since"
                >
                  <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                    <path d="M4 4l8 8M12 4l-8 8" />
                  </svg>
                </button>
              </>
            )}
          </div>
          {sinceEvent.filters?.length ? (
            <PropertyFilters filters={sinceEvent.filters} properties={sinceProperties} onChange={(next) => set({ since: { ...sinceEvent, filters: next } })} problems={problemsUnder(problems, ["since", "filters"])} disabled={disabled} />
          ) : null}
        </div>
      ) : null}
      {disabled ? null : (
        <div className="-ml-2 flex flex-wrap gap-1">
          {canFilter ? (
            <SmallButton testId="add-filter" onClick={() => { const f = newFilter(properties); if (f) set({ filters: [...filters, f] }); }}>
              + {filters.length ? "And where…" : "Where…"}
            </SmallButton>
          ) : null}
          {sinceEvent ? null : (
            <SmallButton testId="add-since" onClick={() => set({ since: { event: firstOther, filters: [] } })}>
              + But not since…
            </SmallButton>
          )}
        </div>
      )}
    </ConditionFrame>
  );
}
