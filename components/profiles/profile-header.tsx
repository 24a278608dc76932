"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { formatDate, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EyeIcon } from "@/components/ui/icons";
import { DeleteProfileDialog } from "./delete-profile-dialog";
import { ConsentBadges, LifecycleBadge } from "./profile-badges";
import { profileEmail, profileLabel, profileName } from "./profile-format";
import { RelativeTime } from "@/components/relative-time";
import type { ProfileDetail } from "./types";

function initials(label: string): string {
  const words = label.split(/[\s@._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words[1]?.[0] ?? "")).toUpperCase();
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export interface ProfileHeaderProps {
  workspace: string;
  profile: ProfileDetail;
  canDelete: boolean;
}

/** Who this is, when Tailor saw them, what they consented to, and the actions on the profile. */
export function ProfileHeader({ workspace, profile, canDelete }: ProfileHeaderProps) {
  const [deleting, setDeleting] = useState(false);
  const name = profileName(profile.traits);
  const email = profileEmail(profile.traits);
  const label = profileLabel(profile);
  const anonymous = !profile.userId;

  return (
    <Card className="p-5" data-testid="profile-header">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-center gap-4">
          <div
            className={`flex size-12 shrink-0 items-center justify-center rounded-full text-base font-semibold ${anonymous ? "bg-slate-100 text-slate-500" : "bg-accent-50 text-accent-700"}`}
            aria-hidden="true"
          >
            {anonymous && !name && !email ? "?" : initials(label)}
          </div>
          <div className="min-w-0">
            <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight text-slate-900">
              <span className="truncate" data-testid="profile-name">{anonymous && !name && !email ? "Anonymous visitor" : (name ?? email ?? profile.userId)}</span>
              {anonymous ? <Badge>anonymous</Badge> : null}
              <LifecycleBadgeIfAny value={profile.traits.lifecycle} />
            </h1>
            {name && email ? <p className="mt-0.5 truncate text-sm text-slate-500">{email}</p> : null}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/preview?profile=${profile.id}`} className={buttonClasses("secondary")} data-testid="preview-as-visitor">
            <EyeIcon className="size-4" />
            Preview as this visitor
          </Link>
          {canDelete ? (
            <Button variant="danger-ghost" onClick={() => setDeleting(true)} data-testid="delete-profile">
              Delete profile
            </Button>
          ) : null}
        </div>
      </div>

      <dl className="mt-5 grid grid-cols-2 gap-x-6 gap-y-4 border-t border-slate-100 pt-4 sm:grid-cols-4">
        <Meta label="User ID">
          {profile.userId ? <code className="font-mono text-xs">{profile.userId}</code> : <span className="text-slate-500">Not identified</span>}
        </Meta>
        <Meta label="First seen">
          <RelativeTime value={profile.firstSeenAt} />
          <span className="block text-xs text-slate-500">{formatDate(profile.firstSeenAt)}</span>
        </Meta>
        <Meta label="Last seen">
          <RelativeTime value={profile.lastSeenAt} />
          <span className="block text-xs text-slate-500">{formatDate(profile.lastSeenAt)}</span>
        </Meta>
        <Meta label="Events">{formatNumber(profile.eventCount)}</Meta>
      </dl>

      <div className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="text-xs font-medium text-slate-500">Consent</span>
        <ConsentBadges consent={profile.consent} />
      </div>

      {canDelete ? (
        <DeleteProfileDialog
          workspace={workspace}
          profileId={profile.id}
          label={anonymous && !name && !email ? "this anonymous visitor" : label}
          eventCount={profile.eventCount}
          open={deleting}
          onClose={() => setDeleting(false)}
        />
      ) : null}
    </Card>
  );
}

function LifecycleBadgeIfAny({ value }: { value: unknown }) {
  return typeof value === "string" && value ? <LifecycleBadge value={value} /> : null;
}
