import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SegmentDetail } from "@/components/segments/segment-detail";
import { AppError } from "@/lib/api/errors";
import { canEdit } from "@/lib/auth/context";
import { queryKeys } from "@/lib/query-keys";
import { presentOneSegment } from "@/lib/segments/present-segment";
import { getCatalog, getSegmentByKey } from "@/lib/segments/segment-rules";
import { warmAudienceIndex } from "@/lib/segments/audience-index/registry";
import { getDashboardContext } from "../../_lib/context";
import { asJson } from "../_lib/as-json";

type Params = Promise<{ key: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { key } = await params;
  return { title: `Segment ${decodeURIComponent(key)}` };
}

const TABS = ["rule", "members", "insights", "history"];

export default async function SegmentPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const ctx = await getDashboardContext();
  // Counts come from the audience index once built: start it now, while the page loads.
  warmAudienceIndex(ctx.db, ctx.workspace.id);
  const key = decodeURIComponent((await params).key);
  const { tab } = await searchParams;
  const slug = ctx.workspace.slug;

  let segment;
  try {
    segment = await getSegmentByKey(ctx.db, ctx.workspace.id, key);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const catalog = await getCatalog(ctx.db, ctx.workspace.id);
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.catalog(slug), asJson(catalog));
  queryClient.setQueryData(queryKeys.segment(slug, segment.key), { segment: asJson(await presentOneSegment(ctx.db, segment, catalog)) });

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SegmentDetail
        workspace={slug}
        segmentKey={segment.key}
        canEdit={canEdit(ctx)}
        initialTab={TABS.find((t) => t === tab) ?? "rule"}
      />
    </HydrationBoundary>
  );
}
