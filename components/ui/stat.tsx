import type { ReactNode } from "react";
import { cn } from "./cn";

export interface StatProps {
  label: ReactNode;
  value: ReactNode;
  /** A line under the value, e.g. "of 1,204 profiles". */
  hint?: ReactNode;
  /** A relative change shown as a coloured arrow and percentage; null shows nothing. */
  change?: number | null;
  changeLabel?: string;
  "data-testid"?: string;
  className?: string;
}

/** A key figure card: label, big number, and optionally its change against a previous period. */
export function Stat({ label, value, hint, change, changeLabel = "vs previous 7 days", className, ...rest }: StatProps) {
  return (
    <div className={cn("min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:p-5", className)} data-testid={rest["data-testid"]}>
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="mt-2 flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="tabular text-2xl font-semibold sm:text-3xl tracking-tight text-slate-900" data-stat-value>
          {value}
        </span>
        {change !== undefined && change !== null ? <Change value={change} label={changeLabel} /> : null}
      </dd>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

function Change({ value, label }: { value: number; label: string }) {
  const up = value > 0;
  const flat = value === 0;
  const text = `${up ? "+" : ""}${(value * 100).toFixed(Math.abs(value) < 0.1 ? 1 : 0)}%`;
  return (
    <span
      className={cn(
        "tabular inline-flex items-center gap-0.5 rounded-md px-1.5 py-0.5 text-xs font-medium",
        flat ? "bg-slate-100 text-slate-600" : up ? "bg-emerald-50 text-emerald-700" : "bg-red-50 text-red-700",
      )}
      title={label}
    >
      <span aria-hidden="true">{flat ? "→" : up ? "↑" : "↓"}</span>
      {text}
      <span className="sr-only"> {label}</span>
    </span>
  );
}
