"use client";

import type { Operator } from "@/lib/rules/ast";
import type { FieldType } from "@/lib/rules/catalog";
import { OPERATOR_LABELS, OPERATORS_BY_TYPE } from "@/lib/rules/operators";
import { InlineSelect } from "./controls";

const TYPES = Object.keys(OPERATORS_BY_TYPE) as FieldType[];

/** The field type an operator implies, for a field the catalog does not know. */
export function typeOfOperator(operator: string): FieldType {
  return TYPES.find((t) => (OPERATORS_BY_TYPE[t] as readonly string[]).includes(operator)) ?? "string";
}

const isOperator = (op: string): op is Operator => op in OPERATOR_LABELS;

/** The operators that fit a field type, in the order OPERATORS_BY_TYPE gives, labelled for a sentence. */
export function OperatorSelect({ type, value, onChange, invalid, disabled, subject, testId = "operator-picker" }: { type: FieldType; value: string; onChange: (operator: Operator) => void; invalid?: boolean; disabled?: boolean; subject: string; testId?: string }) {
  const options = OPERATORS_BY_TYPE[type];
  const foreign = !(options as readonly string[]).includes(value);
  return (
    <InlineSelect
      value={value}
      onChange={(e) => isOperator(e.target.value) && onChange(e.target.value)}
      invalid={invalid || foreign}
      fit={isOperator(value) ? OPERATOR_LABELS[value] + (foreign ? " (does not fit)" : "") : value}
      disabled={disabled}
      aria-label={`How to compare ${subject}`}
      data-testid={testId}
    >
      {foreign ? (
        <option value={value} disabled>
          {isOperator(value) ? OPERATOR_LABELS[value] : value} (does not fit)
        </option>
      ) : null}
      {options.map((op) => (
        <option key={op} value={op}>
          {OPERATOR_LABELS[op]}
        </option>
      ))}
    </InlineSelect>
  );
}
