"use client";

import type { CatalogProperty } from "@/lib/rules/catalog";
import { propertyOptions } from "./catalog-options";
import { InlineSelect, Word } from "./controls";
import {
  AMOUNT_OPS,
  MEASURE_LABELS,
  MEASURES,
  TIME_OPS,
  WINDOW_LABELS,
  WINDOW_UNITS,
  comparisonFor,
  defaultComparison,
  isTimeMeasure,
  needsProperty,
  windowFor,
  type ComparisonOp,
  type ComparisonValue,
  type MeasureValue,
  type WindowValue,
} from "./event-parts";
import { Picker } from "./picker";
import { hasProblemAt, hasProblemExactly, type NodeProblem } from "./rule-problems";
import { DateInput, NumberInput } from "./value-inputs";

/** Controls that read as one phrase wrap to the next line together. */
const PHRASE = "inline-flex flex-wrap items-center gap-1.5";

interface MeasureEditorProps {
  measure: MeasureValue;
  comparison: ComparisonValue;
  properties: readonly CatalogProperty[];
  onChange: (next: { measure: MeasureValue; comparison: ComparisonValue }) => void;
  /** The node's problems (paths like `["measure","property"]`, `["comparison","value"]`). */
  problems: readonly NodeProblem[] | undefined;
  disabled?: boolean;
}

/** "[number of times] [at least] [3] times", "[total of] [revenue] [at least] [100]", "[last time] [was in the last] [7] days". */
export function MeasureEditor({ measure, comparison, properties, onChange, problems, disabled }: MeasureEditorProps) {
  const time = isTimeMeasure(measure.kind);
  const ops = time ? TIME_OPS : AMOUNT_OPS;
  const knownOp = ops.some((o) => o.op === comparison.op);
  const numeric = propertyOptions(properties, true);
  const setComparison = (next: ComparisonValue) => onChange({ measure, comparison: next });

  function changeKind(kind: string) {
    const next: MeasureValue = needsProperty(kind) ? { kind, property: needsProperty(measure.kind) ? measure.property : (numeric[0]?.value ?? "") } : { kind };
    const sameClass = isTimeMeasure(kind) === time;
    onChange({ measure: next, comparison: sameClass ? comparison : defaultComparison(kind) });
  }

  const suffix = measure.kind === "count" ? (comparison.op === "between" || comparison.value !== 1 ? "times" : "time") : null;
  // "The first bound is larger than the second" sits on the comparison itself: mark both bounds.
  const unordered = hasProblemExactly(problems, ["comparison"]);
  const invalidValue = unordered || hasProblemAt(problems, ["comparison", "value"]);
  const invalidValue2 = unordered || hasProblemAt(problems, ["comparison", "value2"]);

  return (
    <>
      <span className={PHRASE}>
        <InlineSelect value={measure.kind} fit={MEASURE_LABELS[measure.kind as keyof typeof MEASURE_LABELS] ?? measure.kind} onChange={(e) => changeKind(e.target.value)} invalid={hasProblemAt(problems, ["measure", "kind"])} disabled={disabled} aria-label="What to measure" data-testid="measure-picker">
          {MEASURES.map((kind) => (
            <option key={kind} value={kind}>
              {MEASURE_LABELS[kind]}
            </option>
          ))}
        </InlineSelect>
        {needsProperty(measure.kind) ? (
          <Picker
            value={measure.property}
            options={numeric}
            onChange={(property) => onChange({ measure: { ...measure, property }, comparison })}
            label="Numeric property"
            placeholder="Choose a number property"
            emptyText="This event has no number properties"
            invalid={hasProblemAt(problems, ["measure", "property"])}
            disabled={disabled}
            data-testid="measure-property-picker"
          />
        ) : null}
      </span>
      <span className={PHRASE}>
        <InlineSelect
          value={comparison.op}
          fit={ops.find((o) => o.op === comparison.op)?.label ?? `${comparison.op} (does not fit)`}
          onChange={(e) => setComparison(comparisonFor(e.target.value as ComparisonOp, comparison))}
          invalid={!knownOp || hasProblemAt(problems, ["comparison", "op"])}
          disabled={disabled}
          aria-label="Comparison"
          data-testid="comparison-op"
        >
          {knownOp ? null : <option value={comparison.op}>{comparison.op} (does not fit)</option>}
          {ops.map((o) => (
            <option key={o.op} value={o.op}>
              {o.label}
            </option>
          ))}
        </InlineSelect>
        {time && comparison.op !== "within_last_days" && comparison.op !== "more_than_days_ago" ? (
          <>
            <DateInput value={comparison.value} onChange={(value) => setComparison({ ...comparison, value })} invalid={invalidValue} disabled={disabled} aria-label="Date" data-testid="comparison-value" />
            {comparison.op === "between" ? (
              <>
                <Word>and</Word>
                <DateInput value={comparison.value2} onChange={(value2) => setComparison({ ...comparison, value2 })} invalid={invalidValue2} disabled={disabled} aria-label="Second date" data-testid="comparison-value-2" />
              </>
            ) : null}
          </>
        ) : (
          <>
            <NumberInput value={comparison.value} onChange={(value) => setComparison({ ...comparison, value })} invalid={invalidValue} disabled={disabled} width="w-14" aria-label={time ? "Number of days" : "Amount"} data-testid="comparison-value" />
            {comparison.op === "between" ? (
              <>
                <Word>and</Word>
                <NumberInput value={comparison.value2} onChange={(value2) => setComparison({ ...comparison, value2 })} invalid={invalidValue2} disabled={disabled} width="w-14" aria-label="Upper amount" data-testid="comparison-value-2" />
              </>
            ) : null}
            {time ? <Word>{comparison.op === "more_than_days_ago" ? "days ago" : "days"}</Word> : suffix ? <Word>{suffix}</Word> : null}
          </>
        )}
      </span>
    </>
  );
}

/** "[at any time]", "[in the last] [30] [days]", "[between] [date] and [date]". */
export function WindowEditor({ window: w, onChange, problems, disabled }: { window: WindowValue; onChange: (w: WindowValue) => void; problems: readonly NodeProblem[] | undefined; disabled?: boolean }) {
  const known = w.kind in WINDOW_LABELS;
  const unordered = hasProblemExactly(problems, ["window"]);
  return (
    <span className={PHRASE}>
      <InlineSelect
        value={w.kind}
        fit={WINDOW_LABELS[w.kind as keyof typeof WINDOW_LABELS] ?? `${w.kind} (unknown)`}
        onChange={(e) => onChange(windowFor(e.target.value as keyof typeof WINDOW_LABELS))}
        invalid={!known || hasProblemAt(problems, ["window", "kind"])}
        disabled={disabled}
        aria-label="When"
        data-testid="window-kind"
      >
        {known ? null : <option value={w.kind}>{w.kind} (unknown)</option>}
        {Object.entries(WINDOW_LABELS).map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </InlineSelect>
      {w.kind === "last" ? (
        <>
          <NumberInput value={w.amount} onChange={(amount) => onChange({ ...w, amount })} invalid={hasProblemAt(problems, ["window", "amount"])} disabled={disabled} width="w-14" aria-label="How many" data-testid="window-amount" />
          <InlineSelect value={w.unit} fit={w.unit ?? ""} onChange={(e) => onChange({ ...w, unit: e.target.value })} invalid={hasProblemAt(problems, ["window", "unit"])} disabled={disabled} aria-label="Unit" data-testid="window-unit">
            {WINDOW_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </InlineSelect>
        </>
      ) : null}
      {w.kind === "between" ? (
        <>
          <DateInput value={w.from} onChange={(from) => onChange({ ...w, from })} invalid={unordered || hasProblemAt(problems, ["window", "from"])} disabled={disabled} aria-label="From" data-testid="window-from" />
          <Word>and</Word>
          <DateInput value={w.to} onChange={(to) => onChange({ ...w, to })} invalid={unordered || hasProblemAt(problems, ["window", "to"])} disabled={disabled} aria-label="To" data-testid="window-to" />
        </>
      ) : null}
    </span>
  );
}
