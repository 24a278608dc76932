import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder for the settings page while members and keys load. */
export default function SettingsLoading() {
  return (
    <div aria-busy="true" data-testid="page-loading">
      <span className="sr-only">Loading…</span>
      <Skeleton className="h-7 w-36" />
      <Skeleton className="mt-2 h-4 w-96 max-w-full" />
      <Skeleton className="mt-6 h-[70px] w-full rounded-xl" />
      <div className="mt-6 flex gap-4 border-b border-slate-200 pb-3">
        <Skeleton className="h-4 w-16" />
        <Skeleton className="h-4 w-16" />
      </div>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5">
        <Skeleton className="h-4 w-24" />
        <div className="mt-6 space-y-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-6 w-full" />
          ))}
        </div>
      </div>
    </div>
  );
}
