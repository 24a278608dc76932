"use client";

import { useEffect, useState } from "react";
import { formatNumber } from "@/components/format";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SegmentsIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { OverlapMatrix, type OverlapPair } from "./overlap-matrix";
import { OverlapMembers } from "./overlap-members";
import { OverlapVenn } from "./overlap-venn";
import { SegmentPicker, type SegmentOption } from "./segment-picker";
import { useRecountOverlap, useSegmentOverlap } from "./use-overlap-queries";

/** /segments/overlap: choose segments, read their overlap, and open any cell to see who is in both. */
export function OverlapExplorer({ workspace, options, initialKeys }: { workspace: string; options: SegmentOption[]; initialKeys: string[] }) {
  const [keys, setKeys] = useState(initialKeys);
  const [pair, setPair] = useState<OverlapPair | null>(initialKeys.length >= 2 ? { a: initialKeys[0], b: initialKeys[1] } : null);
  const overlap = useSegmentOverlap(workspace, keys);
  const recount = useRecountOverlap(workspace, keys);
  // A key from the address that is not an active segment still shows, so it can be removed.
  const choices = [...options, ...keys.filter((k) => !options.some((o) => o.key === k)).map((key) => ({ key, name: `${key} (not found)` }))];
  const data = keys.length >= 2 ? overlap.data : undefined;
  // A pair whose segment was just removed from the selection no longer applies.
  const shown = pair && keys.includes(pair.a) && keys.includes(pair.b) && data?.segments.some((s) => s.key === pair.a) && data.segments.some((s) => s.key === pair.b) ? pair : null;

  // Mirror the selection into the address, so a comparison can be shared and survives a reload.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (keys.length) url.searchParams.set("segments", keys.join(","));
    else url.searchParams.delete("segments");
    window.history.replaceState(window.history.state, "", url);
  }, [keys]);

  function choose(next: string[]) {
    setKeys(next);
    if (!pair && next.length >= 2) setPair({ a: next[0], b: next[1] });
  }

  return (
    <div className="space-y-4">
      <Card>
        <CardBody className="flex items-start gap-3">
          <div className="min-w-0 flex-1">
            {choices.length ? (
              <SegmentPicker options={choices} value={keys} onChange={choose} />
            ) : (
              <p className="text-sm text-slate-500">This workspace has no active segments yet.</p>
            )}
          </div>
          {overlap.isFetching && !data ? <Spinner className="mt-1 size-4 text-slate-400" /> : null}
        </CardBody>
        {data ? (
          <p className="flex items-center justify-end gap-2 border-t border-slate-100 px-5 py-2 text-xs text-slate-500" data-testid="overlap-freshness">
            {overlap.isFetching || recount.isPending ? <Spinner className="size-3.5" /> : null}
            <span>
              Counted from current members <RelativeTime value={data.asOf} />
            </span>
            <Button variant="ghost" size="sm" onClick={() => recount.mutate()} disabled={recount.isPending} data-testid="overlap-recount">
              Recount
            </Button>
          </p>
        ) : null}
        {recount.error ? (
          <Alert tone="danger" className="mx-5 mb-3">
            The overlap could not be recounted: {recount.error.message}
          </Alert>
        ) : null}
      </Card>

      {keys.length < 2 ? (
        <EmptyState
          icon={<SegmentsIcon />}
          title="Pick at least two segments"
          description="Choose two to eight segments above to see how many people they share, and who they are."
          data-testid="overlap-empty"
        />
      ) : overlap.error ? (
        <Alert tone="danger" data-testid="overlap-error">
          The overlap could not be counted: {overlap.error.message}
        </Alert>
      ) : !data ? (
        <Card aria-busy="true" className="p-5" data-testid="overlap-loading">
          <Skeleton className="mb-4 h-5 w-48" />
          <div className="grid gap-1" style={{ gridTemplateColumns: `repeat(${keys.length + 1}, minmax(0, 1fr))` }}>
            {Array.from({ length: (keys.length + 1) * keys.length }, (_, i) => (
              <Skeleton key={i} className="h-16" />
            ))}
          </div>
        </Card>
      ) : (
        <>
          <OverlapMatrix overlap={data} selected={shown} onSelect={setPair} />
          {shown ? <PairDetails workspace={workspace} overlap={data} pair={shown} /> : null}
        </>
      )}
    </div>
  );
}

function PairDetails({ workspace, overlap, pair }: { workspace: string; overlap: NonNullable<ReturnType<typeof useSegmentOverlap>["data"]>; pair: OverlapPair }) {
  const name = (key: string) => overlap.segments.find((s) => s.key === key)?.name ?? key;
  const i = overlap.segments.findIndex((s) => s.key === pair.a);
  const j = overlap.segments.findIndex((s) => s.key === pair.b);
  const title = pair.a === pair.b ? name(pair.a) : `${name(pair.a)} and ${name(pair.b)}`;
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
      <Card>
        <CardHeader title={title} description="Circle areas are proportional to segment sizes; the overlap to the shared profiles." />
        <CardBody>
          <OverlapVenn overlap={overlap} pair={pair} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={pair.a === pair.b ? "Members" : "In both"} description={`${formatNumber(overlap.matrix[i][j])} profiles · ${title}`} />
        <CardBody>
          <OverlapMembers key={`${pair.a}|${pair.b}`} workspace={workspace} pair={pair} />
        </CardBody>
      </Card>
    </div>
  );
}
