import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { NewSegment } from "@/components/segments/new-segment";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/context";
import { queryKeys } from "@/lib/query-keys";
import { getCatalog } from "@/lib/segments/segment-rules";
import { warmAudienceIndex } from "@/lib/segments/audience-index/registry";
import { getDashboardContext } from "../../_lib/context";
import { asJson } from "../_lib/as-json";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage() {
  const ctx = await getDashboardContext();
  // Counts come from the audience index once built: start it now, while the page loads.
  warmAudienceIndex(ctx.db, ctx.workspace.id);
  if (!canEdit(ctx)) {
    return (
      <>
        <PageHeader title="New segment" />
        <Alert tone="info" title="You have view-only access" data-testid="view-only-note">
          Only editors, admins and owners can create segments. <Link href="/segments" className="font-medium underline">Back to segments</Link>
        </Alert>
      </>
    );
  }
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.catalog(ctx.workspace.slug), asJson(await getCatalog(ctx.db, ctx.workspace.id)));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <NewSegment workspace={ctx.workspace.slug} />
    </HydrationBoundary>
  );
}
