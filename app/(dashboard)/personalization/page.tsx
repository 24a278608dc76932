import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PersonalizationOverview } from "@/components/personalization/personalization-overview";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/context";
import { listExperiences, presentExperience } from "@/lib/personalization/experiences";
import { listSlots, presentSlot } from "@/lib/personalization/slots";
import { queryKeys } from "@/lib/query-keys";
import { getDashboardContext } from "../_lib/context";
import { asJson } from "../segments/_lib/as-json";

export const metadata: Metadata = { title: "Personalization" };

export default async function PersonalizationPage() {
  const ctx = await getDashboardContext();
  const slug = ctx.workspace.slug;
  const [slots, experiences] = await Promise.all([listSlots(ctx.db, ctx.workspace.id), listExperiences(ctx.db, ctx.workspace.id)]);
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.slots(slug), { data: asJson(slots.map(presentSlot)) });
  queryClient.setQueryData(queryKeys.experiences(slug), { data: asJson(experiences.map(presentExperience)) });
  return (
    <>
      <PageHeader title="Personalization" description="Decide what each visitor sees in every slot of your site, app or emails: the first matching audience gets its variant, everyone else the default." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <PersonalizationOverview workspace={slug} canEdit={canEdit(ctx)} />
      </HydrationBoundary>
    </>
  );
}
