"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { FieldProblem } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fieldControlClasses } from "@/components/ui/input";
import type { RuleNode } from "./rule-tree";

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** Parses the text; a rule must be a JSON object. Returns the value or a message saying what is wrong. */
function read(text: string): { ok: true; value: RuleNode } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `This is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: 'A rule is a JSON object: a group like {"type": "group", "op": "and", "children": []} or a single condition.' };
  }
  return { ok: true, value: value as RuleNode };
}

/**
 * The rule as editable JSON. Text that does not parse is kept here with its error and never
 * reaches the builder; text that parses replaces the rule at once (and is validated like any edit).
 */
export function RuleJsonEditor({ value, onChange, disabled, problems, onTextError }: { value: RuleNode; onChange: (value: RuleNode) => void; disabled?: boolean; problems: readonly FieldProblem[]; /** Told when the text stops (or starts again) being a usable rule, e.g. to hold back saving. */ onTextError?: (message: string | null) => void }) {
  const [text, setText] = useState(() => pretty(value));
  const [parseError, setParseError] = useState<string | null>(null);
  const id = useId();

  // Follow outside changes (builder, reload); our own edits already parse to `value` and stay as typed.
  useEffect(() => {
    const current = read(text);
    if (current.ok && JSON.stringify(current.value) === JSON.stringify(value)) return;
    setText(pretty(value));
    setParseError(null);
    reportRef.current?.(null);
    // Only a change of `value` should rewrite the text, not each keystroke.
  }, [value]);

  const reportRef = useRef(onTextError);
  reportRef.current = onTextError;
  // Leaving the JSON view drops unusable text: the rule is the last valid one again.
  useEffect(() => () => reportRef.current?.(null), []);

  function edit(next: string) {
    setText(next);
    const result = read(next);
    if (!result.ok) {
      setParseError(result.message);
      onTextError?.(result.message);
      return;
    }
    setParseError(null);
    onTextError?.(null);
    onChange(result.value);
  }

  const ruleProblems = problems.filter((p) => p.path[0] === "rule");
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <label htmlFor={id} className="text-xs text-slate-500">
          The same rule as JSON (see the rule language in the docs). Changes apply as you type once the JSON is valid.
        </label>
        {disabled ? null : (
          <Button variant="ghost" size="sm" onClick={() => parseError === null && setText(pretty(value))} disabled={parseError !== null} data-testid="format-json">
            Format
          </Button>
        )}
      </div>
      <textarea
        id={id}
        value={text}
        onChange={(e) => edit(e.target.value)}
        readOnly={disabled}
        spellCheck={false}
        rows={Math.min(30, Math.max(12, text.split("\n").length + 1))}
        aria-invalid={parseError !== null || ruleProblems.length > 0 || undefined}
        aria-describedby={parseError ? `${id}-error` : undefined}
        className={cn(fieldControlClasses, "py-2 font-mono text-xs leading-5")}
        data-testid="rule-json"
      />
      {parseError ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700" data-testid="json-error">
          {parseError}
          <span className="block font-normal text-red-600">The builder keeps the last valid rule until this is fixed.</span>
        </p>
      ) : null}
      {ruleProblems.length ? (
        <ul className="space-y-1 rounded-md border border-red-200 bg-red-50 px-3 py-2" data-testid="json-problems">
          {ruleProblems.map((p, i) => (
            <li key={i} className="text-xs text-red-800">
              <code className="font-mono text-[11px] text-red-900">{p.path.slice(1).join(".") || "(the whole rule)"}</code> — {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
