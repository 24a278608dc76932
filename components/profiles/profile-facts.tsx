import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { compactValue, textValue } from "./profile-format";
import { RelativeTime } from "@/components/relative-time";
import type { ProfileDetail, ProfileSegment } from "./types";

// The last-known context fields ingestion keeps (lib/ingest/derive-context.ts), in reading order.
const CONTEXT_FIELDS: [key: string, label: string][] = [
  ["device_type", "Device"],
  ["device", "Device"],
  ["browser", "Browser"],
  ["os", "OS"],
  ["country", "Country"],
  ["region", "Region"],
  ["city", "City"],
  ["locale", "Locale"],
  ["timezone", "Time zone"],
  ["utm_source", "UTM source"],
  ["utm_medium", "UTM medium"],
  ["utm_campaign", "UTM campaign"],
  ["utm_term", "UTM term"],
  ["utm_content", "UTM content"],
  ["referrer", "Referrer"],
  ["page_url", "Last page"],
  ["page_path", "Last path"],
];

function Muted({ children }: { children: ReactNode }) {
  return <p className="px-5 py-4 text-sm text-slate-500">{children}</p>;
}

/** A profile's last-known context as a definition list; unknown keys follow the known ones. */
export function ContextCard({ context }: { context: Record<string, unknown> }) {
  const known = new Set(CONTEXT_FIELDS.map(([key]) => key));
  const rows = [
    ...CONTEXT_FIELDS.filter(([key]) => context[key] !== undefined && !(key === "device" && context.device_type !== undefined)).map(
      ([key, label]) => [key, label] as const,
    ),
    ...Object.keys(context).filter((key) => !known.has(key)).sort().map((key) => [key, key] as const),
  ];
  return (
    <Card data-testid="profile-context">
      <CardHeader title="Last known context" description="Each field as the latest event stated it." />
      {rows.length === 0 ? (
        <Muted>No device, location or campaign recorded yet.</Muted>
      ) : (
        <dl className="divide-y divide-slate-100 text-sm">
          {rows.map(([key, label]) => (
            <div key={key} className="grid grid-cols-[8rem_1fr] gap-3 px-5 py-2" data-context-key={key}>
              <dt className="text-slate-500">{label}</dt>
              <dd className="min-w-0 break-words text-slate-900">{textValue(context[key]) ?? compactValue(context[key])}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

/** Every trait, alphabetically; objects and arrays as compact JSON. */
export function TraitsCard({ traits }: { traits: Record<string, unknown> }) {
  const keys = Object.keys(traits).sort();
  return (
    <Card data-testid="profile-traits">
      <CardHeader title="Traits" description={keys.length ? `${keys.length} ${keys.length === 1 ? "trait" : "traits"}, newest value of each` : undefined} />
      {keys.length === 0 ? (
        <Muted>No traits yet. Traits arrive with identify calls or in an event’s context.traits.</Muted>
      ) : (
        <table className="w-full table-fixed text-sm">
          <caption className="sr-only">Traits</caption>
          <tbody className="divide-y divide-slate-100">
            {keys.map((key) => {
              const value = traits[key];
              const structured = value !== null && typeof value === "object";
              return (
                <tr key={key} data-trait={key}>
                  <th scope="row" className="w-36 px-5 py-2 text-left align-top font-normal break-words text-slate-500">
                    {key}
                  </th>
                  <td className="px-5 py-2 pl-0 align-top break-words text-slate-900">
                    {structured ? <code className="font-mono text-xs text-slate-700">{compactValue(value)}</code> : compactValue(value)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** The ids this person is known by: Tailor's own, the user id and every anonymous id merged in. */
export function IdentitiesCard({ profile }: { profile: Pick<ProfileDetail, "id" | "userId" | "anonymousIds"> }) {
  const code = "break-all font-mono text-xs text-slate-700";
  return (
    <Card data-testid="profile-identities">
      <CardHeader title="Identities" description="Any of these opens this profile in the API." />
      <dl className="divide-y divide-slate-100 text-sm">
        <div className="grid grid-cols-[8rem_1fr] gap-3 px-5 py-2">
          <dt className="text-slate-500">User ID</dt>
          <dd className="min-w-0">{profile.userId ? <code className={code} data-testid="identity-user-id">{profile.userId}</code> : <span className="text-slate-500">Not identified</span>}</dd>
        </div>
        <div className="grid grid-cols-[8rem_1fr] gap-3 px-5 py-2">
          <dt className="text-slate-500">{profile.anonymousIds.length === 1 ? "Anonymous ID" : "Anonymous IDs"}</dt>
          <dd className="min-w-0">
            {profile.anonymousIds.length ? (
              <ul className="space-y-1">
                {profile.anonymousIds.map((id) => (
                  <li key={id}>
                    <code className={code} data-testid="identity-anonymous-id">{id}</code>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-500">None</span>
            )}
          </dd>
        </div>
        <div className="grid grid-cols-[8rem_1fr] gap-3 px-5 py-2">
          <dt className="text-slate-500">Tailor ID</dt>
          <dd className="min-w-0">
            <code className={code}>{profile.id}</code>
          </dd>
        </div>
      </dl>
    </Card>
  );
}

/** The segments this person is in now (memberships are kept current as events arrive). */
export function SegmentsCard({ segments }: { segments: ProfileSegment[] }) {
  return (
    <Card data-testid="profile-segments">
      <CardHeader title="Segments" />
      {segments.length === 0 ? (
        <Muted>Not in any active segment right now. Memberships change within a second of the events that qualify someone.</Muted>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {segments.map((segment) => (
            <li key={segment.id} className="flex items-baseline justify-between gap-3 px-5 py-2" data-segment={segment.key}>
              <Link href={`/segments/${encodeURIComponent(segment.key)}`} className="truncate font-medium text-accent-700 hover:underline">
                {segment.name}
              </Link>
              {segment.enteredAt ? (
                <span className="shrink-0 text-xs text-slate-500">
                  entered <RelativeTime value={segment.enteredAt} />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
