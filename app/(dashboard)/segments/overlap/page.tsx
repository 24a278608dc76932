import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { OverlapExplorer } from "@/components/insights/overlap-explorer";
import { PageHeader } from "@/components/ui/page-header";
import { getSegmentOverlap } from "@/lib/insights/overlap";
import { MAX_OVERLAP_SEGMENTS } from "@/lib/insights/overlap-schemas";
import { queryKeys } from "@/lib/query-keys";
import { listSegments } from "@/lib/segments/list-segments";
import { getDashboardContext } from "../../_lib/context";

export const metadata: Metadata = { title: "Segment overlap" };

/** Shown first when the address names no segments: the demo's three audiences, if they exist. */
const DEFAULT_KEYS = ["sports-readers", "finance-readers", "recent-buyers"];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SegmentOverlapPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await getDashboardContext();
  const raw = (await searchParams).segments;
  const text = (Array.isArray(raw) ? raw[0] : raw) ?? null;
  const rows = await listSegments(ctx.db, { workspaceId: ctx.workspace.id, status: "active" });
  const options = rows.map((s) => ({ key: s.key, name: s.name })).sort((a, b) => a.name.localeCompare(b.name));
  const known = new Set(options.map((o) => o.key));
  // Keys from the address are kept as typed (an unknown one then shows the API's 404 message).
  const keys = text === null ? DEFAULT_KEYS.filter((k) => known.has(k)) : [...new Set(text.split(",").map((k) => k.trim()).filter(Boolean))].slice(0, MAX_OVERLAP_SEGMENTS);
  const initialKeys = text === null && keys.length < 2 ? [] : keys;

  const queryClient = new QueryClient();
  if (initialKeys.length >= 2 && initialKeys.every((k) => known.has(k))) {
    queryClient.setQueryData(queryKeys.segmentOverlap(ctx.workspace.slug, initialKeys), await getSegmentOverlap(ctx.db, { workspaceId: ctx.workspace.id, keys: initialKeys }));
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/segments" className="hover:text-accent-700">
            Segments
          </Link>
        }
        title="Segment overlap"
        description="How many people your segments share, from current membership. Click a cell to see who is in both."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OverlapExplorer workspace={ctx.workspace.slug} options={options} initialKeys={initialKeys} />
      </HydrationBoundary>
    </>
  );
}
