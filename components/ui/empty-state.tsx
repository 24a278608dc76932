import type { ReactNode } from "react";
import { cn } from "./cn";

export interface EmptyStateProps {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
  "data-testid"?: string;
}

/** What to show where a list or a chart has nothing yet: what will be here and how to get it. */
export function EmptyState({ icon, title, description, action, className, ...rest }: EmptyStateProps) {
  return (
    <div
      className={cn("flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center", className)}
      data-testid={rest["data-testid"]}
    >
      {icon ? (
        <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-accent-50 text-accent-600 [&_svg]:size-5" aria-hidden="true">
          {icon}
        </div>
      ) : null}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {description ? <div className="mt-1.5 max-w-md text-sm text-slate-500">{description}</div> : null}
      {action ? <div className="mt-5 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
