import Link from "next/link";
import type { Database } from "@/db/client";
import { formatNumber } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PlusIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatSignedPercent, type Verdict } from "@/lib/insights/experience-summary";
import { getLiveExperiences, type LiveExperience } from "@/lib/overview/get-live-experiences";

const VERDICT: Record<Verdict, { label: string; tone: BadgeTone }> = {
  better: { label: "Winning", tone: "success" },
  worse: { label: "Losing", tone: "danger" },
  inconclusive: { label: "Not significant yet", tone: "neutral" },
  not_enough_data: { label: "Not enough data yet", tone: "warning" },
  no_traffic: { label: "No visitors yet", tone: "neutral" },
  no_holdout: { label: "No holdout", tone: "neutral" },
};

/** Live experiences with visitors and their best variant's lift over the holdout. */
export async function LiveExperiences({ db, workspaceId }: { db: Database; workspaceId: string }) {
  const live = await getLiveExperiences(db, { workspaceId });
  return (
    <Card data-testid="overview-live-experiences">
      <CardHeader
        title="Live experiences"
        description="Best variant's lift in conversion rate over the holdout, with its 95% confidence interval"
        actions={
          live.total > live.items.length ? (
            <Link href="/personalization" className="text-sm font-medium text-accent-700 hover:underline">
              All {formatNumber(live.total)}
            </Link>
          ) : null
        }
      />
      <CardBody className={live.items.length ? "px-0 py-0" : undefined}>
        {live.items.length === 0 ? (
          <div className="flex flex-col items-center py-6 text-center" data-testid="live-experiences-empty">
            <p className="text-sm font-medium text-slate-900">{live.all === 0 ? "No experiences yet" : "No live experiences"}</p>
            <p className="mt-1 max-w-sm text-sm text-slate-500">
              {live.all === 0
                ? "Show each audience its own content in a slot, keep a holdout, and see the lift here."
                : "Publish an experience to start measuring its lift over the holdout."}
            </p>
            <Link href={live.all === 0 ? "/personalization/new" : "/personalization"} className={buttonClasses("secondary", "md", "mt-4")}>
              {live.all === 0 ? <PlusIcon className="size-4" /> : null}
              {live.all === 0 ? "Create an experience" : "Go to personalization"}
            </Link>
          </div>
        ) : (
          <Table>
            <caption className="sr-only">Live experiences with their best variant&apos;s lift over the holdout</caption>
            <THead>
              <tr>
                <TH>Experience</TH>
                <TH className="text-right">Visitors</TH>
                <TH>Best variant</TH>
                <TH>Lift over holdout (95% CI)</TH>
                <TH>Result</TH>
              </tr>
            </THead>
            <TBody>
              {live.items.map((e) => (
                <ExperienceRow key={e.key} e={e} />
              ))}
            </TBody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}

function ExperienceRow({ e }: { e: LiveExperience }) {
  const v = VERDICT[e.verdict];
  const lift = e.best?.lift;
  const measured = (e.verdict === "better" || e.verdict === "worse" || e.verdict === "inconclusive") && lift?.relativeLiftCi;
  return (
    <TR data-testid="live-experience-row">
      <TD className="max-w-[18rem]">
        <Link href={`/personalization/${encodeURIComponent(e.key)}`} className="block truncate font-medium text-slate-900 hover:text-accent-700 hover:underline" title={e.name}>
          {e.name}
        </Link>
        <span className="text-xs text-slate-500">{e.slot.name}</span>
      </TD>
      <TD className="tabular text-right">{formatNumber(e.visitors)}</TD>
      <TD className="text-slate-700">{e.best && e.verdict !== "no_holdout" ? e.best.name : <span className="text-slate-400">—</span>}</TD>
      <TD data-testid="live-experience-lift">
        {measured && lift ? (
          <span className="tabular whitespace-nowrap">
            <span className={e.verdict === "better" ? "font-semibold text-emerald-700" : e.verdict === "worse" ? "font-semibold text-red-700" : "font-semibold text-slate-800"}>
              {formatSignedPercent(lift.relativeLift ?? 0)}
            </span>{" "}
            <span className="text-xs text-slate-500">
              ({formatSignedPercent(lift.relativeLiftCi!.lower)} to {formatSignedPercent(lift.relativeLiftCi!.upper)})
            </span>
          </span>
        ) : (
          <span className="text-sm text-slate-500">{NOT_MEASURED[e.verdict] ?? "—"}</span>
        )}
      </TD>
      <TD>
        <Badge tone={v.tone}>
          <span data-testid="live-experience-verdict">{v.label}</span>
        </Badge>
      </TD>
    </TR>
  );
}

const NOT_MEASURED: Partial<Record<Verdict, string>> = {
  not_enough_data: "Not enough data yet",
  no_traffic: "No visitors yet",
  no_holdout: "Not measured: no holdout",
};

/** Placeholder while the experience results stream in. */
export function LiveExperiencesSkeleton() {
  return (
    <Card className="space-y-4 p-5" aria-busy="true">
      <Skeleton className="h-4 w-36" />
      {Array.from({ length: 3 }, (_, j) => (
        <Skeleton key={j} className="h-10" />
      ))}
    </Card>
  );
}
