import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SlotEditor } from "@/components/personalization/slot-editor";
import type { SlotDto } from "@/components/personalization/types";
import { AppError } from "@/lib/api/errors";
import { canEdit } from "@/lib/auth/context";
import { listExperiences, presentExperience } from "@/lib/personalization/experiences";
import { getSlotByKey, presentSlot } from "@/lib/personalization/slots";
import { queryKeys } from "@/lib/query-keys";
import { getDashboardContext } from "../../../_lib/context";
import { asJson } from "../../../segments/_lib/as-json";

type Params = Promise<{ key: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Slot ${decodeURIComponent((await params).key)}` };
}

export default async function SlotPage({ params }: { params: Params }) {
  const ctx = await getDashboardContext();
  const key = decodeURIComponent((await params).key);
  let row;
  try {
    row = await getSlotByKey(ctx.db, ctx.workspace.id, key);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const slot = asJson(presentSlot(row)) as SlotDto;
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.experiences(ctx.workspace.slug), { data: asJson((await listExperiences(ctx.db, ctx.workspace.id)).map(presentExperience)) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SlotEditor key={slot.updatedAt} workspace={ctx.workspace.slug} slot={slot} canEdit={canEdit(ctx)} />
    </HydrationBoundary>
  );
}
