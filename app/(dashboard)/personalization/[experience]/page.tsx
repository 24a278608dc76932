import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExperienceEditor } from "@/components/personalization/experience-editor";
import type { ExperienceDto, SlotDto } from "@/components/personalization/types";
import { AppError } from "@/lib/api/errors";
import { canEdit } from "@/lib/auth/context";
import { getExperienceByKey, presentExperience } from "@/lib/personalization/experiences";
import { listSlots, presentSlot } from "@/lib/personalization/slots";
import { getDecisionCatalog } from "@/lib/personalization/validate-experience";
import { queryKeys } from "@/lib/query-keys";
import type { Catalog } from "@/lib/rules/catalog";
import { getDashboardContext } from "../../_lib/context";
import { asJson } from "../../segments/_lib/as-json";

type Params = Promise<{ experience: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Experience ${decodeURIComponent((await params).experience)}` };
}

const TABS = ["edit", "versions", "results"];

export default async function ExperiencePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const ctx = await getDashboardContext();
  const key = decodeURIComponent((await params).experience);
  const { tab } = await searchParams;
  let row;
  try {
    row = await getExperienceByKey(ctx.db, ctx.workspace.id, key);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const [slots, catalog] = await Promise.all([listSlots(ctx.db, ctx.workspace.id), getDecisionCatalog(ctx.db, ctx.workspace.id)]);
  const experience = asJson(presentExperience(row)) as ExperienceDto;
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.experience(ctx.workspace.slug, key), { experience });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ExperienceEditor
        key={experience.key}
        workspace={ctx.workspace.slug}
        experience={experience}
        slots={asJson(slots.map(presentSlot)) as SlotDto[]}
        catalog={asJson(catalog) as Catalog}
        canEdit={canEdit(ctx)}
        initialTab={TABS.find((t) => t === tab) ?? "edit"}
      />
    </HydrationBoundary>
  );
}
