import { formatNumber, formatPercent } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

/** The most frequent events of the last 7 days with their share of all events. */
export function TopEvents({ events, total }: { events: { event: string; count: number }[]; total: number }) {
  return (
    <Card data-testid="top-events" className="flex flex-col">
      <CardHeader title="Top events" description="Last 7 days" id="top-events-title" />
      <CardBody className="flex-1">
        {events.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">No events in the last 7 days.</p>
        ) : (
          <ol className="space-y-3" aria-labelledby="top-events-title">
            {events.map((row) => {
              const share = total ? row.count / total : 0;
              return (
                <li key={row.event} data-testid="top-event-row">
                  <div className="flex items-baseline justify-between gap-3 text-sm">
                    <span className="truncate font-medium text-slate-800" title={row.event} data-testid="top-event-name">
                      {row.event}
                    </span>
                    <span className="tabular shrink-0 text-slate-600">
                      <span data-testid="top-event-count">{formatNumber(row.count)}</span>
                      <span className="ml-1.5 text-xs text-slate-400">{formatPercent(share)}</span>
                    </span>
                  </div>
                  <div className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                    <div className="h-full rounded-full bg-accent-500" style={{ width: `${Math.max(share * 100, 1)}%` }} />
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
