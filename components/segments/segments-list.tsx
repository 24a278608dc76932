"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PlusIcon, SegmentsIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import type { SegmentDto, SegmentFilters } from "./types";
import { useDebounced } from "@/components/use-debounced";
import { useSegments } from "./use-segment-queries";

/** The stored member count, kept exact by real-time membership; a segment that cannot be evaluated says so. */
function SizeCell({ segment }: { segment: SegmentDto }) {
  if (segment.evaluationError) {
    return (
      <span className="text-xs font-medium text-red-700" title={segment.evaluationError}>
        Cannot evaluate
      </span>
    );
  }
  return (
    <div>
      <span className="tabular font-medium text-slate-900">{formatNumber(segment.memberCount)}</span>
      <span className="block text-xs text-slate-400">
        {segment.membersUpdatedAt ? (
          <>
            updated <RelativeTime value={segment.membersUpdatedAt} />
          </>
        ) : (
          "no changes yet"
        )}
      </span>
    </div>
  );
}

/** /segments: search, filter by tag, show archived, and open or create segments. */
export function SegmentsList({ workspace, canEdit, initialFilters }: { workspace: string; canEdit: boolean; initialFilters: SegmentFilters }) {
  const [q, setQ] = useState(initialFilters.q);
  const [tag, setTag] = useState(initialFilters.tag);
  const [showArchived, setShowArchived] = useState(initialFilters.status === "all");
  const filters: SegmentFilters = { q: useDebounced(q, 250), tag, status: showArchived ? "all" : "active" };
  const { data, error, isFetching, isPending } = useSegments(workspace, filters);
  const segments = data?.data ?? [];
  const knownTags = useRef(new Set<string>());
  for (const s of segments) for (const t of s.tags) knownTags.current.add(t);
  const filtered = Boolean(filters.q || tag || showArchived);

  // Mirror the filters into the address, so a filtered list can be shared and survives a reload.
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const [name, value] of [["q", filters.q], ["tag", tag], ["archived", showArchived ? "1" : ""]] as const) {
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    }
    window.history.replaceState(window.history.state, "", url);
  }, [filters.q, tag, showArchived]);

  const newButton = canEdit ? (
    <Link href="/segments/new" className={buttonClasses("primary")} data-testid="new-segment">
      <PlusIcon className="size-4" />
      New segment
    </Link>
  ) : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div className="w-full max-w-xs">
          <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search name, key, description, tag" aria-label="Search segments" data-testid="segment-search" />
        </div>
        <div className="w-44">
          <Select value={tag} onChange={(e) => setTag(e.target.value)} aria-label="Filter by tag" data-testid="tag-filter">
            <option value="">All tags</option>
            {[...new Set([...knownTags.current, ...(tag ? [tag] : [])])].sort().map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} className="size-4 rounded border-slate-300 accent-accent-600" data-testid="show-archived" />
          Show archived
        </label>
        {isFetching && !isPending ? <Spinner className="size-4 text-slate-400" /> : null}
        <div className="ml-auto flex items-center gap-2">
          <Link href="/segments/overlap" className={buttonClasses("secondary")} data-testid="compare-overlap">
            Compare overlap
          </Link>
          {newButton}
        </div>
      </div>

      {error ? (
        <Alert tone="danger">The segments could not be loaded: {error.message}</Alert>
      ) : isPending ? null : segments.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SegmentsIcon />}
            title="No segments match"
            description="Try another search, or clear the filters."
            action={
              <button type="button" className={buttonClasses("secondary")} onClick={() => { setQ(""); setTag(""); setShowArchived(false); }}>
                Clear filters
              </button>
            }
            data-testid="segments-no-match"
          />
        ) : (
          <EmptyState
            icon={<SegmentsIcon />}
            title="No segments yet"
            description="A segment groups people who share something: who they are, where they are, what they did and how often. Build one and watch its size as you edit."
            action={newButton}
            data-testid="segments-empty"
          />
        )
      ) : (
        <Card className={cn("transition-opacity", isFetching && "opacity-80")}>
          <Table data-testid="segments-table">
            <THead>
              <tr>
                <TH>Name</TH>
                <TH>Key</TH>
                <TH>Size</TH>
                <TH>Tags</TH>
                <TH>Last change</TH>
                <TH>Status</TH>
              </tr>
            </THead>
            <TBody>
              {segments.map((s) => (
                <TR key={s.id} data-testid="segment-row" data-key={s.key}>
                  <TD className="max-w-72">
                    <Link href={`/segments/${encodeURIComponent(s.key)}`} className="font-medium text-slate-900 hover:text-accent-700 hover:underline">
                      {s.name}
                    </Link>
                    <p className="truncate text-xs text-slate-500" title={s.summary}>
                      {s.description || s.summary}
                    </p>
                  </TD>
                  <TD>
                    <code className="block max-w-36 truncate font-mono text-xs text-slate-600" title={s.key}>
                      {s.key}
                    </code>
                  </TD>
                  <TD className="whitespace-nowrap">
                    <SizeCell segment={s} />
                  </TD>
                  <TD>
                    <div className="flex max-w-56 flex-wrap gap-1">
                      {s.tags.map((t) => (
                        <button key={t} type="button" onClick={() => setTag(t === tag ? "" : t)} className="rounded-md" title={t === tag ? "Show all tags" : `Show only “${t}”`} data-testid="tag-chip">
                          <Badge tone={t === tag ? "accent" : "neutral"} className="hover:ring-accent-600/40">{t}</Badge>
                        </button>
                      ))}
                    </div>
                  </TD>
                  <TD className="whitespace-nowrap">
                    <RelativeTime value={s.updatedAt} className="text-slate-700" />
                    <span className="block max-w-48 truncate text-xs text-slate-400">{s.updatedBy}</span>
                  </TD>
                  <TD>{s.status === "archived" ? <Badge tone="warning">Archived</Badge> : <Badge tone="success">Active</Badge>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
