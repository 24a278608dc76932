import type { Overview } from "@/lib/overview/get-overview";
import { formatNumber, formatPercent } from "@/components/format";
import { Stat } from "@/components/ui/stat";

/** The four key figures at the top of the overview. */
export function OverviewStats({ overview }: { overview: Overview }) {
  const { profiles, events, activeProfiles7d } = overview;
  const share = (n: number) => (profiles.total ? formatPercent(n / profiles.total) : "0%");
  return (
    <dl className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      <Stat
        data-testid="stat-profiles"
        label="Profiles"
        value={formatNumber(profiles.total)}
        hint={
          <>
            <span data-testid="stat-active-7d">{formatNumber(activeProfiles7d)}</span> active in the last 7 days
          </>
        }
      />
      <Stat
        data-testid="stat-events-7d"
        label="Events, last 7 days"
        value={formatNumber(events.last7d)}
        change={events.change}
        hint={`${formatNumber(events.previous7d)} in the 7 days before`}
      />
      <Stat data-testid="stat-known" label="Known" value={formatNumber(profiles.known)} hint={`${share(profiles.known)} of profiles have a user id`} />
      <Stat
        data-testid="stat-anonymous"
        label="Anonymous"
        value={formatNumber(profiles.anonymous)}
        hint={`${share(profiles.anonymous)} known only by an anonymous id`}
      />
    </dl>
  );
}
