"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivityIcon, XIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { TimelinePage } from "./timeline-page";
import { useDebounced } from "@/components/use-debounced";
import { useInView } from "./use-in-view";
import { useProfileEvents } from "./use-profile-queries";

const QUICK_FILTERS = 6;

/** Event names in the loaded pages, most frequent first; remembered across filter changes. */
function useNamesSeen(pages: { data: { event: string }[] }[] | undefined) {
  const counts = useRef(new Map<string, number>());
  const seenPages = useRef(new WeakSet<object>());
  return useMemo(() => {
    for (const page of pages ?? []) {
      if (seenPages.current.has(page)) continue;
      seenPages.current.add(page);
      for (const e of page.data) if (e.event) counts.current.set(e.event, (counts.current.get(e.event) ?? 0) + 1);
    }
    return [...counts.current.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  }, [pages]);
}

/** A profile's events, newest first, loading older pages as the reader scrolls down. */
export function ProfileTimeline({ workspace, profileId, eventCount }: { workspace: string; profileId: string; eventCount: number }) {
  const [text, setText] = useState("");
  const filter = useDebounced(text.trim(), 300);
  const events = useProfileEvents(workspace, profileId, filter);
  const names = useNamesSeen(events.data?.pages);
  const listId = useId();
  const sentinel = useRef<HTMLDivElement>(null);
  const nearEnd = useInView(sentinel, "600px 0px", false);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = events;
  const shown = events.data?.pages.reduce((n, p) => n + p.data.length, 0) ?? 0;

  useEffect(() => {
    if (nearEnd && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [nearEnd, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <Card data-testid="timeline">
      <CardHeader
        title="Timeline"
        description={`${formatNumber(eventCount)} ${eventCount === 1 ? "event" : "events"} in total, newest first`}
      />
      <div className="space-y-2 border-b border-slate-100 px-5 py-3">
        <div className="relative max-w-sm">
          <Input
            value={text}
            onChange={(e) => setText(e.target.value)}
            list={listId}
            placeholder="Filter by exact event name…"
            aria-label="Filter events by name"
            maxLength={200}
            className="pr-9"
            data-testid="timeline-filter"
          />
          <datalist id={listId}>
            {names.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          {text ? (
            <button type="button" onClick={() => setText("")} className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-1 text-slate-400 hover:text-slate-700" aria-label="Clear the event filter">
              <XIcon className="size-4" />
            </button>
          ) : null}
        </div>
        {names.length > 1 ? (
          <div className="flex flex-wrap items-center gap-1.5 text-xs" aria-label="Frequent events">
            {names.slice(0, QUICK_FILTERS).map((name) => (
              <button
                key={name}
                type="button"
                onClick={() => setText(name === filter ? "" : name)}
                aria-pressed={name === filter}
                className={
                  name === filter
                    ? "rounded-full bg-accent-600 px-2.5 py-1 font-medium text-white"
                    : "rounded-full bg-slate-100 px-2.5 py-1 font-medium text-slate-600 hover:bg-slate-200"
                }
              >
                {name}
              </button>
            ))}
          </div>
        ) : null}
      </div>

      {events.error ? (
        <div className="p-5">
          <Alert tone="danger" title="Events could not be loaded">
            {events.error.message}
          </Alert>
        </div>
      ) : events.isPending ? (
        <TimelineSkeleton />
      ) : shown === 0 ? (
        <EmptyState
          icon={<ActivityIcon />}
          title={filter ? <>No “{filter}” events</> : "No events yet"}
          description={filter ? "Event names must match exactly, including capitals. Pick one of the names above." : "Events this person sends appear here, newest first."}
          className="m-5 py-8"
          data-testid="timeline-empty"
        />
      ) : (
        <>
          <ol className={events.isFetching && !isFetchingNextPage ? "opacity-60" : undefined}>
            {events.data.pages.map((page, i) => (
              <TimelinePage key={i} events={page.data} />
            ))}
          </ol>
          <div ref={sentinel} className="flex items-center justify-center border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
            {isFetchingNextPage ? (
              <span className="inline-flex items-center gap-2">
                <Spinner className="size-4" /> Loading older events…
              </span>
            ) : hasNextPage ? (
              <Button variant="ghost" size="sm" onClick={() => fetchNextPage()} data-testid="timeline-load-more">
                Load older events
              </Button>
            ) : (
              <span data-testid="timeline-end">
                {filter ? `All ${formatNumber(shown)} “${filter}” events shown` : "Start of the timeline"}
              </span>
            )}
          </div>
        </>
      )}
    </Card>
  );
}

function TimelineSkeleton() {
  return (
    <div className="divide-y divide-slate-100" aria-busy="true" aria-label="Loading events">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="flex gap-3 px-5 py-4">
          <Skeleton className="mt-1 size-2.5 rounded-full" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-64" />
          </div>
        </div>
      ))}
    </div>
  );
}
