import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ProfileView } from "./types";

const LIFECYCLE_TONE: Record<string, BadgeTone> = { customer: "success", lead: "accent", churned: "warning" };

/** A profile's `lifecycle` trait as a coloured pill; nothing when the trait is missing. */
export function LifecycleBadge({ value }: { value: unknown }) {
  if (typeof value !== "string" || !value) return <span className="text-slate-400">—</span>;
  return <Badge tone={LIFECYCLE_TONE[value.toLowerCase()] ?? "neutral"}>{value}</Badge>;
}

const CONSENT_PURPOSES = [
  { key: "personalization", label: "Personalization" },
  { key: "analytics", label: "Analytics" },
] as const;

/**
 * One badge per consent purpose. A purpose the visitor never answered counts as allowed, as
 * ingestion and decisions treat it, but says so, so nobody mistakes it for an explicit yes.
 */
export function ConsentBadges({ consent }: { consent: ProfileView["consent"] }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Consent" data-testid="profile-consent">
      {CONSENT_PURPOSES.map(({ key, label }) => {
        const value = consent[key];
        const text = value === false ? "opted out" : value === true ? "allowed" : "allowed (default)";
        return (
          <li key={key} data-consent={key} data-value={value === undefined ? "unset" : String(value)}>
            <Badge tone={value === false ? "danger" : "success"}>
              {label} {text}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}
