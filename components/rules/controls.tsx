import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

/**
 * Compact controls for the builder's sentence-like rows. They size to their content (the form
 * primitives in components/ui fill their container), so a condition reads as one line of text.
 */
export const inlineControlClasses =
  "h-8 rounded-md border border-slate-300 bg-white px-2.5 text-[13px] text-slate-900 shadow-xs transition-colors " +
  "placeholder:text-slate-400 focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30 " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-600 " +
  "aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50/60 aria-[invalid=true]:focus:ring-red-500/30";

export interface InlineSelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  invalid?: boolean;
  /** The chosen option's text: the select is sized to it rather than to its longest option. */
  fit?: string;
}

/**
 * A native select. With `fit` it is as wide as the chosen option (an invisible copy of that text
 * sizes the grid cell the select fills); without, as wide as its longest option.
 */
export function InlineSelect({ className, invalid, fit, children, ...rest }: InlineSelectProps) {
  return (
    <span className="relative inline-grid">
      {fit === undefined ? null : (
        <span aria-hidden="true" className="invisible col-start-1 row-start-1 h-0 overflow-hidden border border-transparent pr-7 pl-2.5 text-[13px] whitespace-pre">
          {fit}
        </span>
      )}
      <select
        className={cn(inlineControlClasses, "col-start-1 row-start-1 appearance-none pr-7", fit !== undefined && "w-0 min-w-full", className)}
        aria-invalid={invalid || undefined}
        {...rest}
      >
        {children}
      </select>
      <svg className="pointer-events-none absolute top-1/2 right-2 size-3.5 -translate-y-1/2 text-slate-500" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
        <path fillRule="evenodd" d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" clipRule="evenodd" />
      </svg>
    </span>
  );
}

export interface InlineInputProps extends InputHTMLAttributes<HTMLInputElement> {
  invalid?: boolean;
}

/** A compact input; give it a width class (`w-20`, `w-44`). */
export function InlineInput({ className, invalid, ...rest }: InlineInputProps) {
  return <input className={cn(inlineControlClasses, className)} aria-invalid={invalid || undefined} {...rest} />;
}

/** A word between controls ("where", "times", "and"), part of the sentence a condition reads as. */
export function Word({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={cn("text-[13px] text-slate-500", className)}>{children}</span>;
}
