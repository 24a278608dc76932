"use client";

import { useState } from "react";
import { downloadFile, toCsv } from "@/components/charts/csv";
import { formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ExperienceResults, GroupResult, VariantResult } from "@/lib/insights/experience-results";
import { describeVariantLift, formatSignedPercent } from "@/lib/insights/experience-summary";
import type { LiftResult } from "@/lib/insights/lift";
import { CsvDownloadButton, TableViewToggle } from "@/components/charts/chart-view-buttons";

const ROW_HEADER = "min-w-[9rem] px-5 py-3 text-left align-middle text-sm font-medium text-slate-900";

export const formatRate = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)}%`;

/** The plot's range: every interval and zero, with some air, at least ±10%. */
function plotDomain(variants: VariantResult[]): [number, number] {
  let lo = -0.1;
  let hi = 0.1;
  for (const v of variants) {
    const ci = v.lift?.enoughData ? v.lift.relativeLiftCi : null;
    if (ci) {
      lo = Math.min(lo, ci.lower);
      hi = Math.max(hi, ci.upper);
    }
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

function tone(lift: LiftResult) {
  if (!lift.significant) return { stroke: "var(--color-slate-500)", badge: "neutral" as const, word: "Not significant" };
  // Significant: the interval excludes zero.
  return (lift.relativeLift ?? 0) > 0
    ? { stroke: "var(--color-emerald-600)", badge: "success" as const, word: "Yes, better" }
    : { stroke: "var(--color-red-600)", badge: "danger" as const, word: "Yes, worse" };
}

/** A forest-plot row: the interval of the relative lift as a bar, the estimate as a dot, zero as a line. */
function LiftPlot({ lift, domain }: { lift: LiftResult; domain: [number, number] }) {
  const W = 160;
  const x = (value: number) => ((value - domain[0]) / (domain[1] - domain[0])) * W;
  const ci = lift.relativeLiftCi!;
  const { stroke } = tone(lift);
  return (
    <svg width={W} height={24} viewBox={`0 0 ${W} 24`} aria-hidden="true" className="overflow-visible" data-testid="lift-plot">
      <line x1={x(0)} x2={x(0)} y1={0} y2={24} stroke="var(--color-slate-300)" strokeDasharray="3 2" />
      <line x1={x(ci.lower)} x2={x(ci.upper)} y1={12} y2={12} stroke={stroke} strokeWidth={3} strokeLinecap="round" opacity={0.45} />
      <line x1={x(ci.lower)} x2={x(ci.lower)} y1={7} y2={17} stroke={stroke} strokeWidth={2} />
      <line x1={x(ci.upper)} x2={x(ci.upper)} y1={7} y2={17} stroke={stroke} strokeWidth={2} />
      <circle cx={x(lift.relativeLift ?? 0)} cy={12} r={4.5} fill={stroke} stroke="white" strokeWidth={1.5} />
    </svg>
  );
}

function liftText(lift: LiftResult) {
  return `${formatSignedPercent(lift.relativeLift ?? 0)} (${formatSignedPercent(lift.relativeLiftCi!.lower)} to ${formatSignedPercent(lift.relativeLiftCi!.upper)})`;
}

function downloadResults(results: ExperienceResults) {
  const header = ["group", "name", "impressions", "visitors", "converters", "conversions", "conversion_rate_pct", "relative_lift_pct", "ci_lower_pct", "ci_upper_pct", "p_value", "significant", "enough_data"];
  // Numbers stay numbers: toCsv would guard a text "-32.51" against formula injection with a quote.
  const pct = (n: number | null | undefined) => (n === null || n === undefined ? "" : Number((n * 100).toFixed(2)));
  const group = (key: string, name: string, g: GroupResult, lift: LiftResult | null) => [
    key, name, g.impressions, g.visitors, g.converters, g.conversions, pct(g.conversionRate),
    pct(lift?.relativeLift), pct(lift?.relativeLiftCi?.lower), pct(lift?.relativeLiftCi?.upper), lift ? Number(lift.pValue.toPrecision(4)) : "", lift ? String(lift.significant) : "", lift ? String(lift.enoughData) : "",
  ];
  const rows = [...(results.holdout ? [group("holdout", "Holdout", results.holdout, null)] : []), ...results.variants.map((v) => group(v.key, v.name, v, v.lift))];
  downloadFile(`${results.experience.key}-results.csv`, toCsv(header, rows));
}

/** Per group: exposure, conversions, rate, and each variant's lift over the holdout as a forest plot or as numbers. */
export function ExperienceLiftTable({ results }: { results: ExperienceResults }) {
  const [asNumbers, setAsNumbers] = useState(false);
  const domain = plotDomain(results.variants);
  const sentences = results.variants.filter((v) => v.visitors > 0 && v.lift);
  const hasHoldout = results.holdout !== null;
  return (
    <Card data-testid="experience-lift">
      <CardHeader
        title={results.holdout ? "Lift over the holdout" : "Results per variant"}
        description={results.holdout ? "Bars: 95% confidence interval of each variant's lift; dashed line: no difference." : "Without a holdout group there is nothing to measure lift against."}
        actions={
          <>
            {hasHoldout ? (
              <TableViewToggle asTable={asNumbers} onToggle={() => setAsNumbers((t) => !t)} testId="lift-toggle-table" />
            ) : null}
            <CsvDownloadButton onDownload={() => downloadResults(results)} testId="lift-csv" />
          </>
        }
      />
      <CardBody className="px-0 py-0">
        <Table data-testid="lift-table">
          <caption className="sr-only">Results per group of {results.experience.name}, with lift over the holdout and its 95% confidence interval</caption>
          <THead>
            <tr>
              <TH>Group</TH>
              <TH className="text-right">Impressions</TH>
              <TH className="text-right">Visitors</TH>
              <TH className="text-right">Conversions</TH>
              <TH className="text-right">Conv. rate</TH>
              {!hasHoldout ? null : asNumbers ? (
                <>
                  <TH className="text-right">Lift</TH>
                  <TH className="text-right">95% CI</TH>
                  <TH className="text-right">p-value</TH>
                </>
              ) : (
                <TH>Lift (95% CI)</TH>
              )}
              {hasHoldout ? <TH>Significant?</TH> : null}
            </tr>
          </THead>
          <TBody>
            {results.holdout ? (
              <TR data-testid="lift-row-holdout">
                <th scope="row" className={ROW_HEADER}>
                  Holdout <span className="block text-xs font-normal text-slate-500">{results.experience.holdoutPercent}% of traffic, sees the default</span>
                </th>
                <GroupCells g={results.holdout} />
                <TD colSpan={asNumbers ? 3 : 1} className="text-xs text-slate-500">
                  Baseline
                </TD>
                <TD />
              </TR>
            ) : null}
            {results.variants.map((v) => (
              <TR key={v.key} data-testid={`lift-row-${v.key}`}>
                <th scope="row" className={ROW_HEADER}>
                  {v.name}
                </th>
                <GroupCells g={v} />
                {hasHoldout ? <LiftCells variant={v} asNumbers={asNumbers} domain={domain} /> : null}
              </TR>
            ))}
          </TBody>
        </Table>
        {sentences.length ? (
          <ul className="space-y-1 border-t border-slate-100 px-5 py-3 text-sm text-slate-600" data-testid="lift-sentences">
            {sentences.map((v) => (
              <li key={v.key}>{describeVariantLift(v)}</li>
            ))}
          </ul>
        ) : null}
      </CardBody>
    </Card>
  );
}

function GroupCells({ g }: { g: GroupResult }) {
  return (
    <>
      <TD className="tabular text-right">{formatNumber(g.impressions)}</TD>
      <TD className="tabular text-right">{formatNumber(g.visitors)}</TD>
      <TD className="tabular text-right" title={`${formatNumber(g.converters)} visitors converted`}>
        {formatNumber(g.conversions)}
      </TD>
      <TD className="tabular text-right">{g.visitors ? formatRate(g.conversionRate) : "—"}</TD>
    </>
  );
}

function LiftCells({ variant, asNumbers, domain }: { variant: VariantResult; asNumbers: boolean; domain: [number, number] }) {
  const lift = variant.lift;
  const measurable = lift && lift.enoughData && lift.relativeLiftCi && variant.visitors > 0;
  const span = asNumbers ? 3 : 1;
  if (!lift) return <TD colSpan={span + 1} className="text-xs text-slate-500">No holdout to compare with</TD>;
  if (variant.visitors === 0) return <TD colSpan={span + 1} className="text-xs text-slate-500">No visitors yet</TD>;
  if (!measurable) {
    return (
      <>
        <TD colSpan={span} className="text-sm text-slate-600" data-testid="lift-not-enough">
          Not enough data yet
        </TD>
        <TD>
          <Badge tone="warning">Too early</Badge>
        </TD>
      </>
    );
  }
  const t = tone(lift);
  return (
    <>
      {asNumbers ? (
        <>
          <TD className="tabular text-right">{formatSignedPercent(lift.relativeLift ?? 0)}</TD>
          <TD className="tabular text-right whitespace-nowrap">
            {formatSignedPercent(lift.relativeLiftCi!.lower)} to {formatSignedPercent(lift.relativeLiftCi!.upper)}
          </TD>
          <TD className="tabular text-right">{lift.pValue < 0.0001 ? "< 0.0001" : lift.pValue.toFixed(4)}</TD>
        </>
      ) : (
        <TD className="py-2">
          <span className="tabular block text-xs whitespace-nowrap text-slate-700">{liftText(lift)}</span>
          <LiftPlot lift={lift} domain={domain} />
        </TD>
      )}
      <TD className="whitespace-nowrap">
        <Badge tone={t.badge}>{t.word}</Badge>
      </TD>
    </>
  );
}
