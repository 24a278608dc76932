"use client";

import { formatNumber, formatPercent } from "@/components/format";
import type { SegmentOverlap } from "@/lib/insights/overlap-schemas";
import type { OverlapPair } from "./overlap-matrix";
import { vennLayout } from "./venn-geometry";

const WIDTH = 360;
const HEIGHT = 200;
const MAX_RADIUS = 86;
const COLOURS = { a: "var(--color-indigo-500)", b: "var(--color-amber-400)" };

/** Two circles with areas proportional to the pair's sizes and a lens proportional to their overlap. */
export function OverlapVenn({ overlap, pair }: { overlap: SegmentOverlap; pair: OverlapPair }) {
  const i = overlap.segments.findIndex((s) => s.key === pair.a);
  const j = overlap.segments.findIndex((s) => s.key === pair.b);
  if (i < 0 || j < 0) return null;
  const a = overlap.segments[i];
  const b = overlap.segments[j];
  const both = overlap.matrix[i][j];
  const same = i === j;
  const { r1, r2, d } = vennLayout(a.size, same ? 0 : b.size, same ? 0 : both, MAX_RADIUS);
  const width = same ? 2 * r1 : r1 + d + r2;
  const cx1 = (WIDTH - width) / 2 + r1;
  const cx2 = cx1 + d;
  const description = same
    ? `${a.name}: ${formatNumber(a.size)} profiles.`
    : `${a.name} (${formatNumber(a.size)}) and ${b.name} (${formatNumber(b.size)}) share ${formatNumber(both)} profiles: ${formatPercent(a.size ? both / a.size : 0)} of ${a.name}, ${formatPercent(b.size ? both / b.size : 0)} of ${b.name}.`;

  return (
    <figure data-testid="overlap-venn" className="flex flex-col items-center gap-3">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-md" role="img" aria-label={`Two-set diagram. ${description}`}>
        {r1 > 0 ? <circle cx={cx1} cy={HEIGHT / 2} r={r1} fill={COLOURS.a} fillOpacity={0.45} stroke={COLOURS.a} strokeWidth={1.5} /> : null}
        {!same && r2 > 0 ? <circle cx={cx2} cy={HEIGHT / 2} r={r2} fill={COLOURS.b} fillOpacity={0.45} stroke={COLOURS.b} strokeWidth={1.5} /> : null}
        {!same && both > 0 ? (
          <text x={(Math.max(cx1 - r1, cx2 - r2) + Math.min(cx1 + r1, cx2 + r2)) / 2} y={HEIGHT / 2 + 5} textAnchor="middle" className="fill-slate-900 text-sm font-semibold">
            {formatNumber(both)}
          </text>
        ) : null}
        {a.size === 0 && (same || b.size === 0) ? (
          <text x={WIDTH / 2} y={HEIGHT / 2} textAnchor="middle" className="fill-slate-400 text-sm">
            Both segments are empty
          </text>
        ) : null}
      </svg>
      <figcaption className="w-full">
        {same ? (
          <p className="text-center text-sm text-slate-600">{description}</p>
        ) : (
          <dl className="mx-auto max-w-sm divide-y divide-slate-100 text-sm">
            <Legend colour={COLOURS.a} label={`Only ${a.name}`} value={a.size - both} />
            <Legend colour="color-mix(in oklab, var(--color-indigo-500) 50%, var(--color-amber-400))" label="In both" value={both} />
            <Legend colour={COLOURS.b} label={`Only ${b.name}`} value={b.size - both} />
          </dl>
        )}
      </figcaption>
    </figure>
  );
}

function Legend({ colour, label, value }: { colour: string; label: string; value: number }) {
  return (
    <div className="flex items-center justify-between gap-3 py-1.5">
      <dt className="flex min-w-0 items-center gap-2 text-slate-600">
        <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: colour }} />
        <span className="truncate" title={label}>
          {label}
        </span>
      </dt>
      <dd className="tabular font-semibold text-slate-900">{formatNumber(value)}</dd>
    </div>
  );
}
