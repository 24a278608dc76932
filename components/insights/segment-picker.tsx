"use client";

import { cn } from "@/components/ui/cn";
import { CheckIcon } from "@/components/ui/icons";
import { MAX_OVERLAP_SEGMENTS } from "@/lib/insights/overlap-schemas";

export interface SegmentOption {
  key: string;
  name: string;
}

/** Toggle buttons for choosing 2–8 segments; once 8 are chosen the others are disabled, saying why. */
export function SegmentPicker({ options, value, onChange }: { options: SegmentOption[]; value: string[]; onChange: (keys: string[]) => void }) {
  const full = value.length >= MAX_OVERLAP_SEGMENTS;
  return (
    <fieldset data-testid="overlap-picker">
      <legend className="mb-2 text-sm font-medium text-slate-700">
        Segments to compare <span className="font-normal text-slate-500">({value.length} of at most {MAX_OVERLAP_SEGMENTS} chosen)</span>
      </legend>
      <div className="flex flex-wrap gap-2">
        {options.map((option) => {
          const on = value.includes(option.key);
          return (
            <button
              key={option.key}
              type="button"
              aria-pressed={on}
              disabled={!on && full}
              title={!on && full ? `Compare at most ${MAX_OVERLAP_SEGMENTS} segments at a time` : option.key}
              onClick={() => onChange(on ? value.filter((k) => k !== option.key) : [...value, option.key])}
              data-testid={`overlap-pick-${option.key}`}
              className={cn(
                "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm transition focus-visible:ring-2 focus-visible:ring-accent-600 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50",
                on ? "border-accent-600 bg-accent-50 font-medium text-accent-700" : "border-slate-300 bg-white text-slate-700 hover:border-slate-400",
              )}
            >
              {on ? <CheckIcon className="size-3.5" /> : null}
              {option.name}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
