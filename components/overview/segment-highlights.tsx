import Link from "next/link";
import type { Database } from "@/db/client";
import { formatNumber, formatPercent } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PlusIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { getSegmentHighlights, GROWTH_WINDOW_DAYS, type SegmentGrowth, type SegmentSize } from "@/lib/overview/get-segment-highlights";

const segmentHref = (key: string) => `/segments/${encodeURIComponent(key)}`;

/** Largest and fastest-growing segments, side by side; one call-to-action when there are no segments. */
export async function SegmentHighlights({ db, workspaceId, now }: { db: Database; workspaceId: string; now: Date }) {
  const h = await getSegmentHighlights(db, { workspaceId, now });
  if (h.activeSegments === 0) {
    return (
      <Card data-testid="overview-no-segments" className="lg:col-span-2">
        <CardHeader title="Segments" description="Groups of people who share something: what they are, or what they did." />
        <CardBody className="flex flex-col items-center py-10 text-center">
          <p className="text-sm font-medium text-slate-900">No segments yet</p>
          <p className="mt-1 max-w-sm text-sm text-slate-500">Build one to see here how big it is and how fast it grows.</p>
          <Link href="/segments/new" className={buttonClasses("primary", "md", "mt-4")}>
            <PlusIcon className="size-4" />
            Build a segment
          </Link>
        </CardBody>
      </Card>
    );
  }
  return (
    <>
      <LargestSegments rows={h.largest} totalProfiles={h.totalProfiles} />
      <GrowingSegments rows={h.fastestGrowing} />
    </>
  );
}

function LargestSegments({ rows, totalProfiles }: { rows: SegmentSize[]; totalProfiles: number }) {
  return (
    <Card data-testid="overview-largest-segments" className="flex flex-col">
      <CardHeader title="Largest segments" description={`Members now, and their share of all ${formatNumber(totalProfiles)} profiles`} id="largest-segments-title" />
      <CardBody className="flex-1">
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">No segment has members yet.</p>
        ) : (
          <ol className="space-y-3" aria-labelledby="largest-segments-title">
            {rows.map((s) => (
              <li key={s.key} data-testid="largest-segment-row">
                <div className="flex items-baseline justify-between gap-3 text-sm">
                  <Link href={segmentHref(s.key)} className="truncate font-medium text-slate-800 hover:text-accent-700 hover:underline" title={s.name}>
                    {s.name}
                  </Link>
                  <span className="tabular shrink-0 text-slate-600">
                    <span data-testid="largest-segment-size">{formatNumber(s.size)}</span>
                    <span className="ml-1.5 text-xs text-slate-400">{formatPercent(s.share)}</span>
                  </span>
                </div>
                <div className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                  <div className="h-full rounded-full bg-accent-500" style={{ width: `${Math.max(s.share * 100, 1)}%` }} />
                </div>
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}

/** "+12.5%" with one decimal under 10%. */
const signedPercent = (ratio: number) => `${ratio >= 0 ? "+" : "−"}${Math.abs(ratio * 100).toFixed(Math.abs(ratio) < 0.1 ? 1 : 0)}%`;

function GrowingSegments({ rows }: { rows: SegmentGrowth[] }) {
  return (
    <Card data-testid="overview-growing-segments" className="flex flex-col">
      <CardHeader title="Fastest-growing segments" description={`Change in members over the last ${GROWTH_WINDOW_DAYS} days, against the size a week ago (from each segment’s daily size history)`} id="growing-segments-title" />
      <CardBody className="flex-1">
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500" data-testid="growing-segments-empty">
            No segment grew in the last {GROWTH_WINDOW_DAYS} days.
          </p>
        ) : (
          <ol className="divide-y divide-slate-100" aria-labelledby="growing-segments-title">
            {rows.map((g) => (
              <li key={g.key} className="flex items-center justify-between gap-3 py-2 text-sm first:pt-0 last:pb-0" data-testid="growing-segment-row">
                <div className="min-w-0">
                  <Link href={segmentHref(g.key)} className="block truncate font-medium text-slate-800 hover:text-accent-700 hover:underline" title={g.name}>
                    {g.name}
                  </Link>
                  <p className="tabular text-xs text-slate-500">
                    {formatNumber(g.sizeBefore)} → {formatNumber(g.size)} · {formatNumber(g.entries)} in, {formatNumber(g.exits)} out
                  </p>
                </div>
                <div className="tabular shrink-0 text-right">
                  <p className="font-semibold text-emerald-700" data-testid="growing-segment-net">
                    +{formatNumber(g.net)}
                  </p>
                  {g.change !== null ? (
                    <p className="text-xs text-emerald-700" data-testid="growing-segment-change">
                      {signedPercent(g.change)}
                    </p>
                  ) : g.isNew ? (
                    <Badge tone="accent">New this week</Badge>
                  ) : (
                    <p className="text-xs text-slate-500">was empty</p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}

/** Placeholder while the segment figures stream in. */
export function SegmentHighlightsSkeleton() {
  return (
    <>
      {[0, 1].map((i) => (
        <Card key={i} className="space-y-4 p-5" aria-busy="true">
          <Skeleton className="h-4 w-40" />
          {Array.from({ length: 5 }, (_, j) => (
            <Skeleton key={j} className="h-6" />
          ))}
        </Card>
      ))}
    </>
  );
}
