"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { cn } from "@/components/ui/cn";

function IconButton({ label, onClick, disabled, danger, children, action }: { label: string; onClick: () => void; disabled?: boolean; danger?: boolean; children: ReactNode; action: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
      data-action={action}
      data-testid={action}
      className={cn(
        "flex size-7 items-center justify-center rounded-md text-slate-400 transition-colors disabled:opacity-30",
        danger ? "hover:bg-red-50 hover:text-red-600" : "hover:bg-slate-100 hover:text-slate-700",
      )}
    >
      {children}
    </button>
  );
}

/** Focuses the same action of the item now at `index` of a list, after React redraws it. */
export function focusItem(list: string, index: number, action: string) {
  requestAnimationFrame(() => {
    const item = document.querySelector<HTMLElement>(`[data-list="${list}"][data-index="${index}"]`);
    const target = item?.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not(:disabled)`) ?? item?.querySelector<HTMLElement>("button:not(:disabled), input, select");
    target?.focus();
  });
}

export interface RowActionsProps {
  list: string;
  index: number;
  count: number;
  what: string;
  onMove: (from: number, to: number) => void;
  onRemove?: () => void;
  /** Why it cannot be removed (e.g. the last field); the button is then disabled with this title. */
  removeBlocked?: string | null;
}

/** Move up, move down and remove for one item of an ordered list; focus follows the item. */
export function RowActions({ list, index, count, what, onMove, onRemove, removeBlocked }: RowActionsProps) {
  const move = (delta: -1 | 1) => {
    const to = index + delta;
    onMove(index, to);
    const edge = to === 0 || to === count - 1;
    focusItem(list, to, edge ? (delta === -1 ? "move-down" : "move-up") : delta === -1 ? "move-up" : "move-down");
  };
  return (
    <div className="flex shrink-0 items-center">
      <IconButton label={`Move ${what} up`} onClick={() => move(-1)} disabled={index === 0} action="move-up">
        <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true"><path d="M4 10l4-4 4 4" /></svg>
      </IconButton>
      <IconButton label={`Move ${what} down`} onClick={() => move(1)} disabled={index === count - 1} action="move-down">
        <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true"><path d="M4 6l4 4 4-4" /></svg>
      </IconButton>
      {onRemove ? (
        <IconButton label={removeBlocked ?? `Remove ${what}`} onClick={onRemove} disabled={Boolean(removeBlocked)} danger action="remove">
          <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" /></svg>
        </IconButton>
      ) : null}
    </div>
  );
}

/** Alt+↑ / Alt+↓ anywhere inside an item moves it, as the buttons do. */
export function moveKeys(index: number, count: number, list: string, onMove: (from: number, to: number) => void) {
  return (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const to = index + (event.key === "ArrowUp" ? -1 : 1);
    if (to < 0 || to >= count) return;
    event.preventDefault();
    onMove(index, to);
    focusItem(list, to, event.key === "ArrowUp" ? "move-up" : "move-down");
  };
}

/** The list with the item at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return items.slice();
  const next = items.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
