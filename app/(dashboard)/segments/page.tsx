import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SegmentsList } from "@/components/segments/segments-list";
import type { SegmentFilters } from "@/components/segments/types";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/context";
import { queryKeys } from "@/lib/query-keys";
import { listSegments } from "@/lib/segments/list-segments";
import { presentSegments } from "@/lib/segments/present-segment";
import { listSegmentsQuerySchema } from "@/lib/segments/schemas";
import { getCatalog } from "@/lib/segments/segment-rules";
import { warmAudienceIndex } from "@/lib/segments/audience-index/registry";
import { getDashboardContext } from "../_lib/context";
import { asJson } from "./_lib/as-json";

export const metadata: Metadata = { title: "Segments" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function SegmentsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await getDashboardContext();
  // Counts come from the audience index once built: start it now, while the page loads.
  warmAudienceIndex(ctx.db, ctx.workspace.id);
  const params = await searchParams;
  const parsed = listSegmentsQuerySchema.safeParse({ q: first(params.q), tag: first(params.tag), status: first(params.archived) === "1" ? "all" : "active" });
  const filters: SegmentFilters = parsed.success
    ? { q: parsed.data.q ?? "", tag: parsed.data.tag ?? "", status: parsed.data.status }
    : { q: "", tag: "", status: "active" };
  const slug = ctx.workspace.slug;

  const [rows, catalog] = await Promise.all([
    listSegments(ctx.db, { workspaceId: ctx.workspace.id, q: filters.q.trim() || undefined, tag: filters.tag || undefined, status: filters.status }),
    getCatalog(ctx.db, ctx.workspace.id),
  ]);
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.segments(slug, filters), { data: asJson(await presentSegments(ctx.db, ctx.workspace.id, rows, catalog)) });

  return (
    <>
      <PageHeader title="Segments" description="Groups of people who share something: who they are, where they are, what they did and how often." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SegmentsList workspace={slug} canEdit={canEdit(ctx)} initialFilters={filters} />
      </HydrationBoundary>
    </>
  );
}
