"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { ContextCard, IdentitiesCard, SegmentsCard, TraitsCard } from "./profile-facts";
import { ProfileHeader } from "./profile-header";
import { ProfileTimeline } from "./profile-timeline";
import { useProfile } from "./use-profile-queries";

export interface ProfileDetailProps {
  workspace: string;
  profileId: string;
  canDelete: boolean;
}

/** One person: header, timeline, and the facts (traits, segments, context, identities) beside it. */
export function ProfileDetailView({ workspace, profileId, canDelete }: ProfileDetailProps) {
  const { data: profile, error } = useProfile(workspace, profileId);

  return (
    <div className="space-y-6">
      <Link href="/profiles" className="inline-flex items-center gap-1 text-sm font-medium text-slate-500 hover:text-slate-900">
        <span aria-hidden="true">←</span> Profiles
      </Link>
      {error ? (
        <Alert tone="danger" title="This profile could not be loaded">
          {error.message}
        </Alert>
      ) : profile ? (
        <>
          <ProfileHeader workspace={workspace} profile={profile} canDelete={canDelete} />
          <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
            <ProfileTimeline workspace={workspace} profileId={profile.id} eventCount={profile.eventCount} />
            <div className="space-y-6">
              <TraitsCard traits={profile.traits} />
              <SegmentsCard segments={profile.segments} />
              <ContextCard context={profile.context} />
              <IdentitiesCard profile={profile} />
            </div>
          </div>
        </>
      ) : null}
    </div>
  );
}
