"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { inlineControlClasses } from "./controls";

export interface PickerOption {
  value: string;
  label: string;
  /** Heading the option is listed under (e.g. "Traits"). */
  group?: string;
  /** Shown muted on the right (e.g. the field's type). */
  hint?: string;
  /** Extra text the search matches. */
  keywords?: string;
}

export interface PickerProps {
  value: string | undefined;
  options: readonly PickerOption[];
  onChange: (value: string) => void;
  /** Accessible name of the trigger, e.g. "Field". */
  label: string;
  placeholder: string;
  searchPlaceholder?: string;
  emptyText?: string;
  disabled?: boolean;
  invalid?: boolean;
  className?: string;
  /** What the trigger shows for the chosen option (defaults to its label and hint). */
  renderValue?: (option: PickerOption) => ReactNode;
  "data-testid"?: string;
}

/**
 * A searchable, grouped single-choice list in a popover (WAI-ARIA combobox with a listbox):
 * type to filter, arrow keys to move, Enter to choose, Escape to close.
 */
export function Picker({ value, options, onChange, label, placeholder, searchPlaceholder = "Search…", emptyText = "Nothing matches", disabled, invalid, className, renderValue, ...rest }: PickerProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const rootRef = useRef<HTMLSpanElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const id = useId();
  const selected = options.find((o) => o.value === value);

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return options;
    return options.filter((o) => `${o.label} ${o.value} ${o.group ?? ""} ${o.keywords ?? ""}`.toLowerCase().includes(q));
  }, [options, query]);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  useEffect(() => {
    if (open) listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active, open]);

  function show() {
    setQuery("");
    setActive(Math.max(0, options.findIndex((o) => o.value === value)));
    setOpen(true);
  }

  function choose(option: PickerOption | undefined) {
    if (!option) return;
    onChange(option.value);
    setOpen(false);
    triggerRef.current?.focus();
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (matches.length === 0 ? 0 : (i + step + matches.length) % matches.length));
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      triggerRef.current?.focus();
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  }

  let lastGroup: string | undefined;
  return (
    <span ref={rootRef} className={cn("relative inline-flex", className)}>
      <button
        ref={triggerRef}
        type="button"
        disabled={disabled}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={selected ? `${label}: ${selected.label}` : label}
        aria-invalid={invalid || undefined}
        data-testid={rest["data-testid"]}
        data-value={value ?? ""}
        onClick={() => (open ? setOpen(false) : show())}
        onKeyDown={(event) => {
          if (!open && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
            event.preventDefault();
            show();
          }
        }}
        className={cn(inlineControlClasses, "inline-flex max-w-72 items-center gap-1.5 pr-7 text-left font-medium")}
      >
        <span className="truncate">
          {selected ? (renderValue ? renderValue(selected) : selected.label) : value ? (
            <span className="text-red-700">{value} <span className="font-normal">(unknown)</span></span>
          ) : (
            <span className="font-normal text-slate-400">{placeholder}</span>
          )}
        </span>
        <svg className="pointer-events-none absolute top-1/2 right-2 size-3.5 -translate-y-1/2 text-slate-500" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
          <path fillRule="evenodd" d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" clipRule="evenodd" />
        </svg>
      </button>
      {open ? (
        <div className="absolute top-full left-0 z-40 mt-1 w-72 rounded-lg border border-slate-200 bg-white shadow-lg ring-1 ring-slate-900/5">
          <div className="border-b border-slate-100 p-2">
            <input
              autoFocus
              role="combobox"
              aria-expanded="true"
              aria-controls={`${id}-list`}
              aria-activedescendant={matches[active] ? `${id}-opt-${active}` : undefined}
              aria-label={`Search ${label.toLowerCase()}`}
              placeholder={searchPlaceholder}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={onSearchKey}
              data-testid="picker-search"
              className={cn(inlineControlClasses, "w-full")}
            />
          </div>
          <ul ref={listRef} id={`${id}-list`} role="listbox" aria-label={label} className="max-h-72 overflow-y-auto py-1">
            {matches.length === 0 ? <li className="px-3 py-2 text-[13px] text-slate-500">{emptyText}</li> : null}
            {matches.map((option, i) => {
              const heading = option.group && option.group !== lastGroup ? option.group : null;
              lastGroup = option.group;
              return (
                <li key={option.value} role="presentation">
                  {heading ? (
                    <div className="px-3 pt-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase" aria-hidden="true">
                      {heading}
                    </div>
                  ) : null}
                  <div
                    id={`${id}-opt-${i}`}
                    role="option"
                    aria-selected={option.value === value}
                    data-index={i}
                    data-value={option.value}
                    data-testid="picker-option"
                    onMouseMove={() => setActive(i)}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => choose(option)}
                    className={cn(
                      "mx-1 flex cursor-pointer items-center justify-between gap-3 rounded-md px-2 py-1.5 text-[13px]",
                      i === active ? "bg-accent-50 text-accent-700" : "text-slate-700",
                      option.value === value && "font-semibold",
                    )}
                  >
                    <span className="truncate">{option.label}</span>
                    {option.hint ? <span className="shrink-0 text-[11px] text-slate-400">{option.hint}</span> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </span>
  );
}
