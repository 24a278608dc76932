import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { LifecycleBadge } from "./profile-badges";
import { profileEmail, profileName, textValue } from "./profile-format";
import { RelativeTime } from "@/components/relative-time";
import type { ProfileView as BaseProfileView } from "./types";

type ProfileView = BaseProfileView & { eventCount?: number };

/** One row per profile; the whole row is a link to the profile (the name is the real anchor). */
export function ProfilesTable({ profiles }: { profiles: ProfileView[] }) {
  return (
    <Table data-testid="profiles-table">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Email</TH>
          <TH>User ID</TH>
          <TH>Country</TH>
          <TH>Lifecycle</TH>
          <TH className="text-right">Events</TH>
          <TH className="text-right">Last seen</TH>
        </tr>
      </THead>
      <TBody>
        {profiles.map((profile) => (
          <ProfileRow key={profile.id} profile={profile} />
        ))}
      </TBody>
    </Table>
  );
}

function ProfileRow({ profile }: { profile: ProfileView }) {
  const name = profileName(profile.traits);
  const email = profileEmail(profile.traits);
  const country = textValue(profile.traits.country) ?? textValue(profile.context.country);
  return (
    <TR className="relative cursor-pointer" data-testid="profile-row" data-profile-id={profile.id}>
      <TD className="max-w-56 truncate font-medium text-slate-900">
        {/* The ::after box stretches the link over the row, so a click anywhere opens the profile. */}
        <Link href={`/profiles/${profile.id}`} className="after:absolute after:inset-0 hover:text-accent-700 focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-accent-500 focus-visible:after:ring-inset">
          {name ?? (profile.userId ? <span className="text-slate-500">No name</span> : <span className="text-slate-500 italic">Anonymous visitor</span>)}
        </Link>
      </TD>
      <TD className="max-w-64 truncate">{email ?? <span className="text-slate-400">—</span>}</TD>
      <TD className="max-w-48 truncate">
        {profile.userId ? (
          <code className="font-mono text-xs text-slate-700">{profile.userId}</code>
        ) : (
          <Badge>anonymous</Badge>
        )}
      </TD>
      <TD>{country ?? <span className="text-slate-400">—</span>}</TD>
      <TD>
        <LifecycleBadge value={profile.traits.lifecycle} />
      </TD>
      <TD className="text-right tabular-nums text-slate-700">{profile.eventCount === undefined ? "—" : profile.eventCount.toLocaleString("en-US")}</TD>
      <TD className="text-right whitespace-nowrap text-slate-500">
        <RelativeTime value={profile.lastSeenAt} />
      </TD>
    </TR>
  );
}
