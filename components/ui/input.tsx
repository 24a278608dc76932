import type { InputHTMLAttributes } from "react";
import { cn } from "./cn";

export const fieldControlClasses =
  "block w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs " +
  "placeholder:text-slate-400 transition-colors " +
  "focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30 " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 " +
  "aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus:ring-red-500/30";

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  invalid?: boolean;
}

/** A text input; `invalid` sets aria-invalid and a red border. */
export function Input({ className, invalid, ...rest }: InputProps) {
  return <input className={cn(fieldControlClasses, "h-9", className)} aria-invalid={invalid || undefined} {...rest} />;
}
