import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ProfileDetailView } from "@/components/profiles/profile-detail";
import { profileLabel } from "@/components/profiles/profile-format";
import { EVENTS_PAGE_SIZE } from "@/components/profiles/types";
import { canEdit } from "@/lib/auth/context";
import { getProfile } from "@/lib/profiles/get-profile";
import { listProfileEvents } from "@/lib/profiles/list-profile-events";
import { profileKeyParamsSchema } from "@/lib/profiles/schemas";
import { queryKeys } from "@/lib/query-keys";
import { getDashboardContext } from "../../_lib/context";

type Params = Promise<{ id: string }>;

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a stray "%" in a tampered link: look it up as typed, which finds nothing
  }
}

/** The profile of this request, loaded once for both the metadata and the page. */
const loadProfile = cache(async (raw: string) => {
  const ctx = await getDashboardContext();
  const parsed = profileKeyParamsSchema.safeParse({ id: decode(raw) });
  if (!parsed.success) return null;
  return getProfile(ctx.db, ctx.workspace.id, parsed.data.id);
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const profile = await loadProfile((await params).id);
  return { title: profile ? `${profileLabel(profile)} · Profiles` : "Profile not found" };
}

/**
 * One profile, by uuid (or a userId or anonymousId, so links from elsewhere may use those). The
 * lookup is scoped to the current workspace, so another workspace's id is a 404 like an unknown one.
 */
export default async function ProfilePage({ params }: { params: Params }) {
  const ctx = await getDashboardContext();
  const profile = await loadProfile((await params).id);
  if (!profile) notFound();

  const slug = ctx.workspace.slug;
  const events = await listProfileEvents(ctx.db, ctx.workspace.id, profile.id, { limit: EVENTS_PAGE_SIZE });
  const queryClient = new QueryClient();
  // Through JSON, so any Date (e.g. a membership's enteredAt) is cached as the ISO string the API sends.
  queryClient.setQueryData(queryKeys.profile(slug, profile.id), JSON.parse(JSON.stringify(profile)));
  queryClient.setQueryData(queryKeys.profileEvents(slug, profile.id, ""), { pages: [events], pageParams: [null] });

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ProfileDetailView workspace={slug} profileId={profile.id} canDelete={canEdit(ctx)} />
    </HydrationBoundary>
  );
}
