import { cn } from "./cn";

/** Tailor's mark (a needle's eye in a rounded square) and wordmark. */
export function Logo({ className, withWordmark = true }: { className?: string; withWordmark?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2", className)}>
      <svg viewBox="0 0 32 32" className="size-7 shrink-0" aria-hidden="true">
        <rect width="32" height="32" rx="8" className="fill-accent-600" />
        <path d="M10 10h12M16 10v13" stroke="white" strokeWidth="3" strokeLinecap="round" />
        <circle cx="22.5" cy="21.5" r="2.5" fill="white" fillOpacity="0.7" />
      </svg>
      {withWordmark ? <span className="text-[15px] font-semibold tracking-tight text-slate-900">Tailor</span> : null}
    </span>
  );
}
