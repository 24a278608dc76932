import { TableSkeleton } from "@/components/profiles/profiles-explorer";
import { Skeleton } from "@/components/ui/skeleton";

/** The profile list's shape while its first page loads. */
export default function ProfilesLoading() {
  return (
    <div aria-busy="true" aria-live="polite" data-testid="page-loading">
      <span className="sr-only">Loading profiles…</span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="mb-4 h-9 w-full max-w-md" />
      <TableSkeleton />
    </div>
  );
}
