"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivityIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import type { ExperienceResults } from "@/lib/insights/experience-results";
import { ENOUGH_DATA_RULE, summarizeExperience, type Verdict } from "@/lib/insights/experience-summary";
import { queryKeys } from "@/lib/query-keys";
import { ExperienceLiftTable } from "./experience-lift-table";
import { ExperienceResultsChart } from "./experience-results-chart";

const VERDICTS: Record<Verdict, { label: string; tone: BadgeTone }> = {
  better: { label: "Winning", tone: "success" },
  worse: { label: "Losing", tone: "danger" },
  inconclusive: { label: "No clear difference yet", tone: "neutral" },
  not_enough_data: { label: "Not enough data yet", tone: "warning" },
  no_traffic: { label: "No visitors yet", tone: "neutral" },
  no_holdout: { label: "No holdout", tone: "neutral" },
};

/** Results of one experience: headline verdict, per-group lift with intervals, and the rate over time. */
export function ExperienceResultsPanel({ workspace, experienceKey }: { workspace: string; experienceKey: string }) {
  const query = useQuery({
    queryKey: queryKeys.experienceResults(workspace, experienceKey),
    queryFn: ({ signal }) => apiFetch<ExperienceResults>(`/api/v1/experiences/${encodeURIComponent(experienceKey)}/results`, { workspace, signal }),
    // Impressions arrive continuously; a minute-old answer is fine and keeps the page calm.
    staleTime: 60_000,
  });

  if (query.error) {
    return (
      <Alert tone="danger" title="The results could not be loaded" data-testid="experience-results-error">
        {query.error.message}{" "}
        <button type="button" className="font-medium underline" onClick={() => query.refetch()}>
          Try again
        </button>
      </Alert>
    );
  }
  const results = query.data;
  if (!results) return <ResultsSkeleton />;

  const summary = summarizeExperience(results);
  const verdict = VERDICTS[summary.verdict];
  const visitors = (results.holdout?.visitors ?? 0) + results.variants.reduce((s, v) => s + v.visitors, 0);

  return (
    <section className="space-y-4" aria-label="Experience results" data-testid="experience-results">
      <Card>
        <CardBody className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <div className="flex items-center gap-2">
              <Badge tone={verdict.tone}>
                <span data-testid="experience-verdict">{verdict.label}</span>
              </Badge>
              {query.isFetching ? <Spinner className="size-3.5 text-slate-400" /> : null}
            </div>
            <p className="text-base font-medium text-slate-900" data-testid="experience-summary">
              {summary.sentence}
            </p>
            <p className="text-xs text-slate-500">
              Counted <RelativeTime value={results.asOf} /> · {formatNumber(visitors)} visitors · goal {results.experience.goalEvent ? <code className="text-slate-700">{results.experience.goalEvent}</code> : "not set"} ·
              significance at 95% (two-sided); {ENOUGH_DATA_RULE} before lift is shown.
            </p>
          </div>
        </CardBody>
      </Card>
      {summary.verdict === "no_traffic" ? (
        <EmptyState
          icon={<ActivityIcon />}
          title="No visitors yet"
          description="Results appear here once the experience is live and visitors see its slot. Conversions count when a visitor who saw it sends the goal event."
          data-testid="experience-results-empty"
        />
      ) : (
        <>
          <ExperienceLiftTable results={results} />
          {results.cumulative.length ? <ExperienceResultsChart results={results} /> : null}
        </>
      )}
    </section>
  );
}

function ResultsSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading results" data-testid="experience-results-loading">
      <Card className="space-y-2 p-5">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-5 w-3/4" />
      </Card>
      <Card className="space-y-3 p-5">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-8" />
        ))}
      </Card>
    </div>
  );
}
