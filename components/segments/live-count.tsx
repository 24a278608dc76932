"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ApiRequestError } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import type { RulePreview } from "./use-rule-preview";

/** 0.1234 → "12%", 0.004 → "0.4%", a tiny non-zero share → "<0.1%". */
function share(count: number, total: number): string {
  if (total === 0) return "0%";
  const ratio = count / total;
  if (ratio > 0 && ratio < 0.001) return "<0.1%";
  return `${(ratio * 100).toFixed(ratio < 0.1 && ratio > 0 ? 1 : 0)}%`;
}

function Bar({ ratio, className }: { ratio: number; className?: string }) {
  return (
    <div className={cn("h-1.5 overflow-hidden rounded-full bg-slate-100", className)} aria-hidden="true">
      <div className="h-full rounded-full bg-accent-500 transition-[width] duration-300" style={{ width: `${Math.min(100, Math.max(ratio > 0 ? 1 : 0, ratio * 100))}%` }} />
    </div>
  );
}

/**
 * The audience size of the rule being edited, updated as it changes: the count, its share of all
 * profiles, each top-level condition alone, the rule in plain English, and a sample of members.
 */
export function LiveCount({ preview }: { preview: RulePreview }) {
  const { data, error, updating, stale } = preview;
  const invalid = error instanceof ApiRequestError && error.status === 422;
  const total = data?.total ?? 0;
  const count = data?.count ?? 0;
  const hasNumber = Boolean(data && !data.timedOut);

  return (
    <Card className="overflow-hidden" data-testid="live-count-panel" data-updating={updating || undefined} aria-busy={updating || undefined}>
      <div className="px-5 pt-4 pb-4">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-semibold text-slate-900">Audience size</h2>
          <span className={cn("flex items-center gap-1.5 text-xs text-slate-500 transition-opacity", updating ? "opacity-100" : "opacity-0")} aria-hidden={!updating}>
            <Spinner className="size-3.5" />
            Counting…
          </span>
        </div>
        <p className={cn("mt-2 flex items-baseline gap-2 transition-opacity", stale && "opacity-60")}>
          <span className="tabular text-4xl font-semibold tracking-tight text-slate-900" data-testid="live-count" aria-live="polite">
            {hasNumber ? formatNumber(count) : "—"}
          </span>
          <span className="text-sm text-slate-500">{count === 1 && hasNumber ? "person" : "people"}</span>
        </p>
        <p className="mt-1 text-xs text-slate-500">
          {hasNumber ? <>{share(count, total)} of all </> : "out of "}
          <span className="tabular font-medium text-slate-700" data-testid="live-total">
            {data && !data.timedOut ? formatNumber(total) : "—"}
          </span>{" "}
          profiles
        </p>
        <Bar ratio={hasNumber && total ? count / total : 0} className="mt-3" />

        {data?.timedOut ? (
          <Alert tone="warning" className="mt-4" title="Counting timed out" data-testid="live-timeout">
            This rule took too long to count. Narrow it (a shorter time window, fewer property filters) or try again in a moment.
          </Alert>
        ) : null}
        {error ? (
          <Alert tone="danger" className="mt-4" title={invalid ? "This rule is not complete yet" : "The count failed"} data-testid="live-error">
            {error.message}
            {invalid ? <span className="mt-1 block">The parts to fix are marked in red.</span> : null}
          </Alert>
        ) : null}
      </div>

      {data && !error ? (
        <>
          <Section title="In plain English">
            <p className="text-[13px] leading-relaxed text-slate-700" data-testid="live-description">
              {data.description}
            </p>
          </Section>

          {data.perCondition.length > 1 ? (
            <Section title="Each condition on its own">
              <ol className={cn("space-y-2.5", stale && "opacity-60")} data-testid="live-per-condition">
                {data.perCondition.map((part) => (
                  <li key={part.index}>
                    <div className="flex items-baseline justify-between gap-3 text-[13px]">
                      <span className="min-w-0 text-slate-600">{part.description}</span>
                      <span className="tabular shrink-0 font-medium text-slate-900">{formatNumber(part.count)}</span>
                    </div>
                    <Bar ratio={total ? part.count / total : 0} className="mt-1 h-1" />
                  </li>
                ))}
              </ol>
            </Section>
          ) : null}

          <Section title={data.sample.length ? "Some of them" : "Nobody matches yet"}>
            {data.sample.length ? (
              <ul className="-mx-2 space-y-0.5" data-testid="live-sample">
                {data.sample.map((m) => (
                  <li key={m.id}>
                    <Link href={`/profiles/${encodeURIComponent(m.id)}`} className="flex items-center justify-between gap-3 rounded-md px-2 py-1.5 hover:bg-slate-50">
                      <span className="min-w-0">
                        <span className="block truncate text-[13px] font-medium text-slate-800">{m.name ?? m.email ?? m.userId ?? "Anonymous visitor"}</span>
                        <span className="block truncate text-xs text-slate-500">{m.name ? (m.email ?? m.userId ?? "No email") : m.email ? m.userId : "No email"}</span>
                      </span>
                      {m.country ? <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">{m.country}</span> : null}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-[13px] text-slate-500">No profile matches this rule right now.</p>
            )}
          </Section>
          <p className="border-t border-slate-100 px-5 py-2 text-[11px] text-slate-400">Counted in {formatNumber(data.tookMs)} ms · updates as you edit</p>
        </>
      ) : null}
    </Card>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-100 px-5 py-4">
      <h3 className="mb-2 text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}
