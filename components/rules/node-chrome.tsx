"use client";

import type { ReactNode } from "react";
import { formatNumber } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { useBuilder } from "./builder-context";
import type { NodeProblem } from "./rule-problems";
import { pathKey, type NodePath } from "./rule-tree";

/** Moves focus, after React has drawn the tree's new shape, to the first selector that matches. */
export function focusLater(...selectors: string[]) {
  requestAnimationFrame(() => {
    for (const selector of selectors) {
      const element = document.querySelector<HTMLElement>(selector);
      if (element) return element.focus();
    }
  });
}

function IconButton({ label, onClick, disabled, children, danger, ...rest }: { label: string; onClick: () => void; disabled?: boolean; children: ReactNode; danger?: boolean; "data-testid"?: string; "data-action"?: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
      className={cn(
        "flex size-6 items-center justify-center rounded-md text-slate-400 transition-colors disabled:opacity-30",
        danger ? "hover:bg-red-50 hover:text-red-600" : "hover:bg-slate-100 hover:text-slate-700",
      )}
      {...rest}
    >
      {children}
    </button>
  );
}

/** Move up, move down and remove, for a node inside a group of `siblings` nodes. */
export function NodeActions({ path, siblings, what }: { path: NodePath; siblings: number; what: string }) {
  const { move, remove, disabled } = useBuilder();
  if (disabled) return null;
  const index = path[path.length - 1];
  const moveBy = (delta: -1 | 1) => {
    move(path, delta);
    const target = pathKey([...path.slice(0, -1), index + delta]);
    const edge = (delta === -1 && index + delta === 0) || (delta === 1 && index + delta === siblings - 1);
    // Keep the keyboard on the moved node; at the edge its button is disabled, so use the other one.
    const action = edge ? (delta === -1 ? "move-down" : "move-up") : delta === -1 ? "move-up" : "move-down";
    focusLater(`[data-node-path="${target}"] > div [data-action="${action}"]`);
  };
  return (
    <div className="flex shrink-0 items-center">
      <IconButton label={`Move ${what} up`} onClick={() => moveBy(-1)} disabled={index === 0} data-action="move-up" data-testid="move-up">
        <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true"><path d="M4 10l4-4 4 4" /></svg>
      </IconButton>
      <IconButton label={`Move ${what} down`} onClick={() => moveBy(1)} disabled={index === siblings - 1} data-action="move-down" data-testid="move-down">
        <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true"><path d="M4 6l4 4 4-4" /></svg>
      </IconButton>
      <IconButton label={`Remove ${what}`} onClick={() => remove(path)} danger data-testid="remove-node" data-action="remove">
        <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" /></svg>
      </IconButton>
    </div>
  );
}

/** How many people match this top-level part alone; dimmed while a newer count is on its way. */
export function CountPill({ path }: { path: NodePath }) {
  const { counts, countsStale } = useBuilder();
  const count = counts.get(pathKey(path));
  if (count === undefined) return null;
  return (
    <span
      className={cn(
        "tabular mr-1 inline-flex h-6 shrink-0 items-center rounded-full bg-slate-100 px-2 text-xs font-medium text-slate-600 transition-opacity",
        countsStale && "opacity-50",
      )}
      title={`${formatNumber(count)} ${count === 1 ? "person matches" : "people match"} this part on its own`}
      data-testid="node-count"
    >
      <svg viewBox="0 0 16 16" className="mr-1 size-3 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
        <circle cx="8" cy="5.5" r="2.5" />
        <path d="M3 13.5a5 5 0 0 1 10 0" />
      </svg>
      {formatNumber(count)}
      <span className="sr-only"> {count === 1 ? "person" : "people"}</span>
    </span>
  );
}

/** The validation messages of one node, in red under it. */
export function ProblemList({ problems }: { problems: readonly NodeProblem[] | undefined }) {
  if (!problems?.length) return null;
  const messages = [...new Set(problems.map((p) => p.message))];
  return (
    <ul className="mt-2 space-y-0.5" data-testid="node-problems">
      {messages.map((message) => (
        <li key={message} role="alert" className="flex gap-1.5 text-xs font-medium text-red-700">
          <svg viewBox="0 0 16 16" className="mt-0.5 size-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
            <circle cx="8" cy="8" r="6.25" />
            <path d="M8 5v3.5M8 11h0" />
          </svg>
          {message}
        </li>
      ))}
    </ul>
  );
}

const KIND_STYLES = {
  trait: { label: "Trait", bar: "border-l-sky-400", icon: "text-sky-600 bg-sky-50" },
  event: { label: "Event", bar: "border-l-amber-400", icon: "text-amber-700 bg-amber-50" },
  segment: { label: "Segment", bar: "border-l-violet-400", icon: "text-violet-600 bg-violet-50" },
  invalid: { label: "Unreadable", bar: "border-l-red-400", icon: "text-red-600 bg-red-50" },
} as const;

type Kind = keyof typeof KIND_STYLES;

const KIND_ICONS: Record<Kind, ReactNode> = {
  trait: (
    <>
      <circle cx="8" cy="5.5" r="2.5" />
      <path d="M3 13.5a5 5 0 0 1 10 0" />
    </>
  ),
  event: <path d="M9 1.5 3.5 9H8l-1 5.5L12.5 7H8l1-5.5Z" />,
  segment: (
    <>
      <circle cx="6" cy="8" r="4" />
      <circle cx="10" cy="8" r="4" />
    </>
  ),
  invalid: <path d="M8 4v5M8 11.5h0" />,
};

/** A small icon saying what kind of condition a row is (trait, event, segment). */
export function KindIcon({ kind }: { kind: Kind }) {
  const style = KIND_STYLES[kind];
  return (
    <span className={cn("flex size-6 shrink-0 items-center justify-center rounded-full", style.icon)} title={`${style.label} condition`}>
      <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" aria-hidden="true">
        {KIND_ICONS[kind]}
      </svg>
      <span className="sr-only">{style.label} condition</span>
    </span>
  );
}

/** The frame of one condition row: kind, the sentence, its count and actions, then its problems. */
export function ConditionFrame({ path, siblings, kind, problems, children }: { path: NodePath; siblings: number; kind: Kind; problems: readonly NodeProblem[] | undefined; children: ReactNode }) {
  const { counts, disabled } = useBuilder();
  const key = pathKey(path);
  const invalid = Boolean(problems?.length);
  const hasActions = path.length > 0 && !disabled;
  // On wide screens count and actions float top-right: only the first line of the sentence makes room.
  const room = counts.has(key) ? (hasActions ? "sm:[&>*:first-child]:pr-40" : "sm:[&>*:first-child]:pr-20") : hasActions ? "sm:[&>*:first-child]:pr-24" : "";
  return (
    <div
      data-testid={`condition-${key}`}
      data-node-path={key}
      data-node-kind={kind}
      data-invalid={invalid || undefined}
      className={cn(
        "relative rounded-lg border border-l-[3px] bg-white py-2 pr-2 pl-2.5 shadow-xs transition-colors",
        invalid ? "border-red-300 border-l-red-500 bg-red-50/30" : cn("border-slate-200", KIND_STYLES[kind].bar),
      )}
    >
      <div className="mb-1 flex items-center justify-end gap-0.5 empty:hidden sm:absolute sm:top-2 sm:right-2 sm:mb-0">
        <CountPill path={path} />
        {path.length > 0 ? <NodeActions path={path} siblings={siblings} what="condition" /> : null}
      </div>
      <div className="flex items-start gap-2">
        <div className="pt-1">
          <KindIcon kind={kind} />
        </div>
        <div className={cn("min-w-0 flex-1 space-y-2", room)}>{children}</div>
      </div>
      <div className="sm:pl-8">
        <ProblemList problems={problems} />
      </div>
    </div>
  );
}
