import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** A profile page's shape while the profile and its first events load. */
export default function ProfileLoading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-live="polite" data-testid="page-loading">
      <span className="sr-only">Loading profile…</span>
      <Skeleton className="h-4 w-20" />
      <Card className="p-5">
        <div className="flex items-center gap-4">
          <Skeleton className="size-12 rounded-full" />
          <div className="space-y-2">
            <Skeleton className="h-6 w-48" />
            <Skeleton className="h-4 w-64" />
          </div>
        </div>
        <div className="mt-5 grid grid-cols-2 gap-4 border-t border-slate-100 pt-4 sm:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      </Card>
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <Card className="space-y-5 p-5">
          {Array.from({ length: 7 }, (_, i) => (
            <div key={i} className="space-y-2">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3 w-72 max-w-full" />
            </div>
          ))}
        </Card>
        <Card className="space-y-3 p-5">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-4 w-full" />
          ))}
        </Card>
      </div>
    </div>
  );
}
