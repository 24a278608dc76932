import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { keyProperties } from "./event-summary";
import { formatRelative } from "@/components/relative-time";
import type { ProfileEvent } from "./types";

const TYPE_DOT: Record<string, string> = {
  track: "bg-accent-500",
  page: "bg-sky-400",
  screen: "bg-sky-400",
  identify: "bg-emerald-500",
  alias: "bg-amber-500",
  group: "bg-violet-500",
};

/** One event: name, when (relative and exact), its key properties and the raw JSON on demand. */
export function TimelineItem({ event }: { event: ProfileEvent }) {
  const chips = keyProperties(event.properties);
  const iso = new Date(event.timestamp).toISOString();
  return (
    <li className="relative flex gap-3 py-3 pr-5 pl-5" data-testid="timeline-item" data-event={event.event}>
      <span className={`mt-1.5 size-2.5 shrink-0 rounded-full ring-4 ring-white ${TYPE_DOT[event.type] ?? "bg-slate-400"}`} aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
          <p className="flex min-w-0 items-center gap-2 text-sm font-medium text-slate-900">
            <span className="truncate">{event.event || <span className="text-slate-500 italic">(unnamed)</span>}</span>
            {event.type !== "track" ? <Badge>{event.type}</Badge> : null}
          </p>
          <time dateTime={iso} className="shrink-0 text-xs text-slate-500" suppressHydrationWarning>
            <span className="font-medium text-slate-600">{formatRelative(event.timestamp)}</span> · {formatDateTime(event.timestamp)}
          </time>
        </div>
        {chips.length ? (
          <dl className="mt-1.5 flex flex-wrap gap-1.5">
            {chips.map((chip) => (
              <div key={chip.key} className="flex max-w-full items-baseline gap-1 rounded-md bg-slate-100 px-1.5 py-0.5 text-xs">
                <dt className="text-slate-500">{chip.key}</dt>
                <dd className="truncate font-medium text-slate-700">{chip.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <details className="group mt-1.5">
          <summary className="cursor-pointer text-xs font-medium text-slate-500 select-none hover:text-slate-800">
            <span className="group-open:hidden">Show JSON</span>
            <span className="hidden group-open:inline">Hide JSON</span>
          </summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100" data-testid="timeline-item-json">
            {JSON.stringify({ type: event.type, event: event.event, properties: event.properties, context: event.context, messageId: event.messageId, receivedAt: event.receivedAt }, null, 2)}
          </pre>
        </details>
      </div>
    </li>
  );
}
