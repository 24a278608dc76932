"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon, UsersIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { ProfilesSearchBox } from "./profiles-search-box";
import { ProfilesTable } from "./profiles-table";
import { useDebounced } from "@/components/use-debounced";
import { useProfileSearch } from "./use-profile-queries";

export interface ProfilesExplorerProps {
  workspace: string;
  initialQuery: string;
  /** Set when the page was reached right after deleting a profile. */
  deletedNotice: boolean;
}

/** Writes `?q=` without a server round trip, so a search can be shared and survives a reload. */
function syncUrl(q: string) {
  const url = new URL(window.location.href);
  if (q) url.searchParams.set("q", q);
  else url.searchParams.delete("q");
  url.searchParams.delete("deleted");
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
}

/** Search box, results table with "Load more", and the empty states of the profile list. */
export function ProfilesExplorer({ workspace, initialQuery, deletedNotice }: ProfilesExplorerProps) {
  const [text, setText] = useState(initialQuery);
  const [notice, setNotice] = useState(deletedNotice);
  const q = useDebounced(text.trim(), 250);
  const search = useProfileSearch(workspace, q);
  const profiles = search.data?.pages.flatMap((p) => p.data) ?? [];

  useEffect(() => syncUrl(q), [q]);

  return (
    <div className="space-y-4">
      {notice ? (
        <div className="flex items-start gap-3">
          <Alert tone="success" title="Profile deleted" className="flex-1" data-testid="profile-deleted-notice">
            The person, their events and their segment memberships were removed permanently.
          </Alert>
          <Button variant="ghost" size="sm" onClick={() => setNotice(false)} className="mt-1.5">
            Dismiss
          </Button>
        </div>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <ProfilesSearchBox value={text} onChange={setText} busy={search.isFetching && !search.isFetchingNextPage} />
        <p className="text-sm text-slate-500">
          Filtering by traits or behaviour?{" "}
          <Link href="/segments/new" className="font-medium text-accent-700 hover:underline" data-testid="profiles-segment-link">
            Build a segment
          </Link>
        </p>
      </div>

      {search.error ? (
        <Alert tone="danger" title="Profiles could not be loaded">
          {search.error.message}
        </Alert>
      ) : search.isPending ? (
        <TableSkeleton />
      ) : profiles.length === 0 ? (
        q ? <NoMatches q={q} onClear={() => setText("")} /> : <NoProfiles />
      ) : (
        <Card className={search.isPlaceholderData ? "overflow-hidden opacity-60 transition-opacity" : "overflow-hidden"}>
          <ProfilesTable profiles={profiles} />
          <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
            <span data-testid="profiles-count">
              {profiles.length.toLocaleString("en-US")} {profiles.length === 1 ? "profile" : "profiles"}
              {search.hasNextPage ? " shown, most recently seen first" : q ? " match" : " in this workspace"}
            </span>
            {search.hasNextPage ? (
              <Button variant="secondary" size="sm" pending={search.isFetchingNextPage} onClick={() => search.fetchNextPage()} data-testid="profiles-load-more">
                Load more
              </Button>
            ) : null}
          </div>
        </Card>
      )}
    </div>
  );
}

function NoMatches({ q, onClear }: { q: string; onClear: () => void }) {
  return (
    <EmptyState
      icon={<UsersIcon />}
      title={<>No profiles match “{q}”</>}
      description="Search looks for part of a user id, an email or any trait value, and for an exact anonymous id or profile id. Check the spelling or try a shorter term."
      action={
        <Button variant="secondary" onClick={onClear}>
          Clear search
        </Button>
      }
      data-testid="profiles-no-match"
    />
  );
}

function NoProfiles() {
  return (
    <EmptyState
      icon={<UsersIcon />}
      title="No profiles yet"
      description={
        <>
          Tailor creates a profile for every person your site, app or backend sends events about. Create a write key, then
          send <code className="rounded bg-slate-100 px-1 font-mono text-xs">identify</code>,{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs">track</code> or{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs">page</code> calls with any Segment-compatible library.
        </>
      }
      action={
        <Link href="/settings?tab=api-keys" className={buttonClasses("primary")} data-testid="profiles-empty-keys-link">
          <KeyIcon className="size-4" />
          Go to Settings → API keys
        </Link>
      }
      data-testid="profiles-empty"
    />
  );
}

/** Placeholder rows while the first page loads. */
export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Card className="overflow-hidden" aria-busy="true" aria-label="Loading profiles">
      <div className="border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <Skeleton className="h-3 w-64" />
      </div>
      <div className="divide-y divide-slate-100">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-6 px-5 py-3.5">
            <Skeleton className="h-4 w-36" />
            <Skeleton className="h-4 w-52" />
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-4 w-10" />
            <Skeleton className="h-4 w-16" />
            <Skeleton className="ml-auto h-4 w-20" />
          </div>
        ))}
      </div>
    </Card>
  );
}
