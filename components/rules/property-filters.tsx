"use client";

import type { Operator } from "@/lib/rules/ast";
import type { CatalogProperty, FieldType } from "@/lib/rules/catalog";
import { OPERATORS_BY_TYPE } from "@/lib/rules/operators";
import { Word } from "./controls";
import { propertyOptions } from "./catalog-options";
import { OperatorSelect, typeOfOperator } from "./operator-select";
import { Picker } from "./picker";
import { firstOperator, predicateFor, withPredicate, type LoosePredicate } from "./predicate-defaults";
import { hasProblemAt, problemsUnder, type NodeProblem } from "./rule-problems";
import { ValueEditor } from "./value-editor";

export interface FilterValue extends LoosePredicate {
  property: string;
}

export interface PropertyFiltersProps {
  filters: readonly FilterValue[];
  properties: readonly CatalogProperty[];
  onChange: (filters: FilterValue[]) => void;
  /** Problems under `filters`, paths starting at the filter index. */
  problems: readonly NodeProblem[];
  disabled?: boolean;
}

/** A new filter on the event's first property (its first operator and most frequent value). */
export function newFilter(properties: readonly CatalogProperty[]): FilterValue | null {
  const property = properties[0];
  if (!property) return null;
  return { property: property.property, ...predicateFor(firstOperator(property.type), property.type, undefined, property.examples) };
}

/** "where [category] [is] [sports] and [path] [starts with] [/blog]": an event's property filters. */
export function PropertyFilters({ filters, properties, onChange, problems, disabled }: PropertyFiltersProps) {
  const options = propertyOptions(properties);
  const byName = new Map(properties.map((p) => [p.property, p]));
  const setAt = (i: number, next: FilterValue) => onChange(filters.map((f, j) => (j === i ? next : f)));

  return (
    <>
      {filters.map((filter, i) => {
        const property = byName.get(filter.property);
        const type: FieldType = property?.type ?? typeOfOperator(filter.operator);
        const examples = property?.examples ?? [];
        const mine = problemsUnder(problems, [String(i)]);
        return (
          <div key={i} className="flex flex-wrap items-center gap-1.5 pl-3" data-testid="property-filter">
            <Word className="w-10 text-right">{i === 0 ? "where" : "and"}</Word>
            <Picker
              value={filter.property}
              options={options}
              onChange={(name) => {
                const p = byName.get(name);
                if (!p) return;
                const fits = (OPERATORS_BY_TYPE[p.type] as readonly string[]).includes(filter.operator);
                const operator = fits ? (filter.operator as Operator) : firstOperator(p.type);
                setAt(i, { property: name, ...predicateFor(operator, p.type, undefined, p.examples) });
              }}
              label="Property"
              placeholder="Choose a property"
              searchPlaceholder="Search properties…"
              emptyText="This event has no properties with that name"
              invalid={hasProblemAt(mine, ["property"])}
              disabled={disabled}
              data-testid="property-picker"
            />
            <OperatorSelect
              type={type}
              value={filter.operator}
              onChange={(op) => setAt(i, withPredicate(filter, predicateFor(op, type, filter.value, examples)))}
              invalid={hasProblemAt(mine, ["operator"])}
              disabled={disabled}
              subject={filter.property}
            />
            <ValueEditor
              operator={filter.operator}
              value={filter.value}
              type={type}
              examples={examples}
              onChange={(value) => setAt(i, { ...filter, value })}
              problems={mine}
              subject={filter.property}
              disabled={disabled}
            />
            {disabled ? null : (
              <button
                type="button"
                onClick={() => onChange(filters.filter((_, j) => j !== i))}
                className="flex size-6 items-center justify-center rounded-md text-slate-400 hover:bg-red-50 hover:text-red-600"
                aria-label={`Remove filter on ${filter.property}`}
                title="Remove this filter"
                data-testid="remove-filter"
              >
                <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                  <path d="M4 4l8 8M12 4l-8 8" />
                </svg>
              </button>
            )}
          </div>
        );
      })}
    </>
  );
}
