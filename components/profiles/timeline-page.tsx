"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { TimelineItem } from "./timeline-item";
import { useInView } from "./use-in-view";
import type { ProfileEvent } from "./types";

// Pages this far outside the viewport give their DOM back and keep only their height.
const KEEP_MARGIN = "1500px 0px";

/**
 * One fetched page of the timeline. Windowing by page: a page far off screen renders as an empty
 * box of its last measured height, so scrolling through thousands of events keeps the DOM to the
 * few pages near the viewport while the scroll position stays put.
 */
export function TimelinePage({ events }: { events: ProfileEvent[] }) {
  const ref = useRef<HTMLLIElement>(null);
  const inView = useInView(ref, KEEP_MARGIN);
  const [height, setHeight] = useState<number | null>(null);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !inView) return;
    // Expanding an event's JSON changes the height; keep the measurement current while shown.
    const observer = new ResizeObserver(() => setHeight(element.offsetHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [inView]);

  const collapsed = !inView && height !== null;
  return (
    <li ref={ref} style={collapsed ? { height } : undefined} data-timeline-page={collapsed ? "collapsed" : "shown"}>
      {collapsed ? null : (
        <ol className="divide-y divide-slate-100">
          {events.map((event) => (
            <TimelineItem key={event.id} event={event} />
          ))}
        </ol>
      )}
    </li>
  );
}
