"use client";

import { useId, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";

export interface ChipsInputProps {
  values: readonly (string | number)[];
  onChange: (values: (string | number)[]) => void;
  /** Offered as autocomplete while typing (the field's most frequent values). */
  suggestions?: readonly (string | number | boolean)[];
  /** Read typed text as numbers (text that is not a number is kept, so validation can flag it). */
  numeric?: boolean;
  placeholder?: string;
  disabled?: boolean;
  invalid?: boolean;
  className?: string;
  "aria-label": string;
  "data-testid"?: string;
}

/**
 * Several values as removable chips. Enter, comma or Tab adds what was typed; pasting
 * "US, GB, FR" adds three; Backspace in the empty box removes the last chip.
 */
export function ChipsInput({ values, onChange, suggestions = [], numeric = false, placeholder = "Add a value", disabled, invalid, className, ...rest }: ChipsInputProps) {
  const [draft, setDraft] = useState("");
  const listId = useId();
  const offered = suggestions
    .filter((s): s is string | number => typeof s === "string" || typeof s === "number")
    .filter((s) => !values.some((v) => String(v).toLowerCase() === String(s).toLowerCase()))
    .slice(0, 50);

  function add(texts: string[]) {
    const next = [...values];
    for (const raw of texts) {
      const text = raw.trim();
      if (!text) continue;
      const n = Number(text);
      const value = numeric && Number.isFinite(n) ? n : text;
      if (!next.some((v) => String(v).toLowerCase() === String(value).toLowerCase())) next.push(value);
    }
    if (next.length !== values.length) onChange(next);
    setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.key === "Enter" || event.key === ",") && draft.trim()) {
      event.preventDefault();
      add([draft]);
    } else if (event.key === "Enter") {
      event.preventDefault();
    } else if (event.key === "Backspace" && draft === "" && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData("text");
    if (!/[,\n\t]/.test(text)) return;
    event.preventDefault();
    add(text.split(/[,\n\t]/));
  }

  return (
    <div
      className={cn(
        "inline-flex min-h-8 max-w-full flex-wrap items-center gap-1 rounded-md border border-slate-300 bg-white px-1.5 py-1 shadow-xs",
        "focus-within:border-accent-500 focus-within:ring-2 focus-within:ring-accent-500/30",
        invalid && "border-red-500 bg-red-50/60",
        disabled && "bg-slate-50",
        className,
      )}
      aria-invalid={invalid || undefined}
    >
      {values.map((value, i) => (
        <span key={`${value}-${i}`} className="inline-flex h-6 items-center gap-1 rounded bg-accent-50 pr-1 pl-2 text-[13px] font-medium text-accent-700 ring-1 ring-accent-600/15" data-testid="chip">
          {String(value)}
          {disabled ? null : (
            <button
              type="button"
              onClick={() => onChange(values.filter((_, j) => j !== i))}
              className="flex size-4 items-center justify-center rounded text-accent-600 hover:bg-accent-100"
              aria-label={`Remove ${String(value)}`}
            >
              <svg viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                <path d="M4 4l8 8M12 4l-8 8" />
              </svg>
            </button>
          )}
        </span>
      ))}
      {disabled ? null : (
        <>
          <input
            type="text"
            value={draft}
            list={offered.length ? listId : undefined}
            autoComplete="off"
            placeholder={values.length ? "" : placeholder}
            onChange={(e) => {
              const text = e.target.value;
              // Picking a suggestion from the list (not typing) fills the box with it: take it at once.
              const inputType = (e.nativeEvent as InputEvent).inputType;
              const picked = inputType === undefined || inputType === "insertReplacementText";
              if (picked && offered.some((o) => String(o) === text)) add([text]);
              else setDraft(text);
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => draft.trim() && add([draft])}
            className="h-6 min-w-16 flex-1 bg-transparent px-1 text-[13px] text-slate-900 placeholder:text-slate-400 focus:outline-none"
            aria-label={rest["aria-label"]}
            data-testid={rest["data-testid"]}
          />
          {offered.length ? (
            <datalist id={listId}>
              {offered.map((o) => (
                <option key={String(o)} value={String(o)} />
              ))}
            </datalist>
          ) : null}
        </>
      )}
    </div>
  );
}
