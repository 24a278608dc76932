"use client";

import { useEffect, useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { InlineInput } from "./controls";

interface BaseProps {
  disabled?: boolean;
  invalid?: boolean;
  className?: string;
  "aria-label": string;
  "data-testid"?: string;
}

/** Draft text → rule value: a finite number, or the text itself so the API can say what is wrong. */
function toValue(draft: string): number | string {
  const trimmed = draft.trim();
  const n = trimmed === "" ? NaN : Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

const asText = (value: unknown): string => (value === undefined || value === null ? "" : String(value));

/**
 * A number field that keeps what is being typed ("1.", "-") while the rule holds the parsed number.
 * Text that is not a number is passed on as text, so validation marks it instead of hiding it.
 */
export function NumberInput({ value, onChange, className, invalid, width = "w-20", ...rest }: BaseProps & { value: unknown; onChange: (value: number | string) => void; width?: string }) {
  const [draft, setDraft] = useState(asText(value));
  useEffect(() => {
    if (toValue(draft) !== value) setDraft(asText(value));
    // Only an outside change of `value` (JSON view, reset) should replace the draft.
  }, [value]);
  return (
    <InlineInput
      type="text"
      inputMode="decimal"
      autoComplete="off"
      value={draft}
      invalid={invalid}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(toValue(e.target.value));
      }}
      className={cn("tabular", width, className)}
      {...rest}
    />
  );
}

/** A text field suggesting the field's most frequent values. */
export function TextInput({ value, onChange, suggestions, className, invalid, placeholder = "Type a value", ...rest }: BaseProps & { value: unknown; onChange: (value: string) => void; suggestions: readonly (string | number | boolean)[]; placeholder?: string }) {
  const listId = useId();
  const options = suggestions.filter((s): s is string => typeof s === "string").slice(0, 50);
  return (
    <>
      <InlineInput
        type="text"
        autoComplete="off"
        list={options.length ? listId : undefined}
        value={asText(value)}
        placeholder={placeholder}
        invalid={invalid}
        onChange={(e) => onChange(e.target.value)}
        className={cn("w-44", className)}
        {...rest}
      />
      {options.length ? (
        <datalist id={listId}>
          {options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date picker for rule dates. Plain days use a date input; a value with a time of day (from the
 * JSON view) keeps a date-and-time input so the time is not lost. Dates without offset are UTC.
 */
export function DateInput({ value, onChange, className, invalid, ...rest }: BaseProps & { value: unknown; onChange: (value: string) => void }) {
  const text = typeof value === "string" ? value : "";
  const withTime = text !== "" && !DAY.test(text);
  const shown = withTime ? text.replace(" ", "T").slice(0, 16) : text;
  return (
    <InlineInput
      type={withTime ? "datetime-local" : "date"}
      value={shown}
      invalid={invalid}
      title="Dates are in UTC"
      onChange={(e) => onChange(e.target.value)}
      className={cn(withTime ? "w-52" : "w-38", className)}
      {...rest}
    />
  );
}
