"use client";

import type { ExampleValue, FieldType } from "@/lib/rules/catalog";
import { ChipsInput } from "./chips-input";
import { Word } from "./controls";
import { hasProblemAt, type NodeProblem } from "./rule-problems";
import { DateInput, NumberInput, TextInput } from "./value-inputs";

export interface ValueEditorProps {
  operator: string;
  value: unknown;
  type: FieldType;
  examples: readonly ExampleValue[];
  onChange: (value: unknown) => void;
  /** Problems of the predicate, with paths relative to it (`["value"]`, `["value","1"]`). */
  problems: readonly NodeProblem[];
  /** What is being compared, for screen readers ("country"). */
  subject: string;
  disabled?: boolean;
}

const asList = (value: unknown): (string | number)[] =>
  Array.isArray(value) ? value.filter((v): v is string | number => typeof v === "string" || typeof v === "number") : [];

/** The value part of a condition, shaped by its operator: text, number, dates, days or a list. */
export function ValueEditor({ operator, value, type, examples, onChange, problems, subject, disabled }: ValueEditorProps) {
  const invalid = hasProblemAt(problems, ["value"]);
  const common = { disabled, "data-testid": "value-input" };
  switch (operator) {
    case "exists":
    case "not_exists":
    case "is_true":
    case "is_false":
      return null;
    case "equals":
    case "not_equals":
      return type === "number" ? (
        <NumberInput value={value} onChange={onChange} invalid={invalid} aria-label={`${subject} value`} {...common} />
      ) : (
        <TextInput value={value} onChange={onChange} suggestions={examples} invalid={invalid} aria-label={`${subject} value`} {...common} />
      );
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with":
      return <TextInput value={value} onChange={onChange} suggestions={examples} invalid={invalid} placeholder="Type some text" aria-label={`${subject} text`} {...common} />;
    case "one_of":
    case "none_of":
    case "list_contains_any":
    case "list_contains_all": {
      const numeric = type === "number" || (type === "list" && examples.length > 0 && examples.every((e) => typeof e === "number"));
      return (
        <ChipsInput
          values={asList(value)}
          onChange={onChange}
          suggestions={examples}
          numeric={numeric}
          invalid={invalid}
          placeholder="Type, then Enter"
          className="min-w-44"
          aria-label={`${subject} values`}
          {...common}
        />
      );
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return <NumberInput value={value} onChange={onChange} invalid={invalid} aria-label={`${subject} value`} {...common} />;
    case "between": {
      const [low, high] = Array.isArray(value) ? value : [undefined, undefined];
      const set = (i: 0 | 1, v: unknown) => onChange(i === 0 ? [v, high] : [low, v]);
      const Input = type === "date" ? DateInput : NumberInput;
      return (
        <>
          <Input value={low} onChange={(v) => set(0, v)} invalid={invalid && !hasProblemAt(problems, ["value", "1"])} aria-label={`${subject} from`} {...common} />
          <Word>and</Word>
          <Input value={high} onChange={(v) => set(1, v)} invalid={invalid && !hasProblemAt(problems, ["value", "0"])} aria-label={`${subject} to`} disabled={disabled} data-testid="value-input-2" />
        </>
      );
    }
    case "before":
    case "after":
      return <DateInput value={value} onChange={onChange} invalid={invalid} aria-label={`${subject} date`} {...common} />;
    case "within_last_days":
    case "more_than_days_ago":
      return (
        <>
          <NumberInput value={value} onChange={onChange} invalid={invalid} width="w-14" aria-label={`${subject}: number of days`} {...common} />
          <Word>{operator === "within_last_days" ? "days" : "days ago"}</Word>
        </>
      );
    default:
      return null;
  }
}
