import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { headers } from "next/headers";
import { connection } from "next/server";
import { getOverview } from "@/lib/overview/get-overview";
import { EventsPerDayChart } from "@/components/charts/events-per-day-chart";
import { NoDataYet } from "@/components/overview/no-data-yet";
import { LiveExperiences, LiveExperiencesSkeleton } from "@/components/overview/live-experiences";
import { OverviewStats } from "@/components/overview/overview-stats";
import { SegmentHighlights, SegmentHighlightsSkeleton } from "@/components/overview/segment-highlights";
import { TopEvents } from "@/components/overview/top-events";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardContext } from "./_lib/context";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  await connection();
  const ctx = await getDashboardContext();
  const now = new Date();
  const overview = await getOverview(ctx.db, { workspaceId: ctx.workspace.id, now });

  const header = (
    <PageHeader
      eyebrow={ctx.workspace.name}
      title="Overview"
      description="Who you know, what they do, and how that is changing."
      actions={
        overview.profiles.total > 0 ? (
          <Link href="/segments" className={buttonClasses("secondary")}>
            Build a segment
          </Link>
        ) : null
      }
    />
  );

  if (overview.profiles.total === 0) {
    return (
      <>
        {header}
        <NoDataYet workspaceName={ctx.workspace.name} origin={await requestOrigin()} />
      </>
    );
  }

  return (
    <>
      {header}
      <OverviewStats overview={overview} />
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <EventsPerDayChart data={overview.eventsPerDay} />
        </div>
        <TopEvents events={overview.topEvents} total={overview.events.last7d} />
      </div>
      {/* Segment and experience figures stream in after the key figures, so they never hold up the page. */}
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<SegmentHighlightsSkeleton />}>
          <SegmentHighlights db={ctx.db} workspaceId={ctx.workspace.id} now={now} />
        </Suspense>
      </div>
      <div className="mt-6">
        <Suspense fallback={<LiveExperiencesSkeleton />}>
          <LiveExperiences db={ctx.db} workspaceId={ctx.workspace.id} />
        </Suspense>
      </div>
      <p className="mt-6 text-xs text-slate-400">
        Figures as of {now.toISOString().slice(0, 16).replace("T", " ")} UTC. Days are UTC days.
      </p>
    </>
  );
}

/** The address this page was requested at, for copy-pasteable examples. */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
