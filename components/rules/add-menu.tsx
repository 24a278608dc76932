"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { buttonClasses } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import type { NewNodeKind } from "./new-nodes";

const ITEMS: { kind: NewNodeKind; title: string; hint: string }[] = [
  { kind: "trait", title: "Trait", hint: "Who they are: country, plan, age…" },
  { kind: "event", title: "Event", hint: "What they did, how often, when" },
  { kind: "segment", title: "Segment", hint: "In or not in another segment" },
];

/** "Add condition" with a small menu of the three kinds; arrow keys move, Escape closes. */
export function AddConditionMenu({ onAdd, groupKey, unavailable }: { onAdd: (kind: NewNodeKind) => void; groupKey: string; unavailable: Partial<Record<NewNodeKind, string>> }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    itemRefs.current.find((b) => b && !b.disabled)?.focus();
    const onDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  function onKeyDown(event: KeyboardEvent) {
    const items = itemRefs.current.filter((b): b is HTMLButtonElement => Boolean(b && !b.disabled));
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      items[(at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      triggerRef.current?.focus();
    }
  }

  return (
    <div ref={rootRef} className="relative" onKeyDown={onKeyDown}>
      <button
        ref={triggerRef}
        type="button"
        className={buttonClasses("secondary", "sm")}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="add-condition"
        data-group={groupKey || "root"}
      >
        <PlusIcon className="size-3.5" />
        Add condition
      </button>
      {open ? (
        <div role="menu" aria-label="Kind of condition" className="absolute top-full left-0 z-40 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-1 shadow-lg ring-1 ring-slate-900/5">
          {ITEMS.map((item, i) => (
            <button
              key={item.kind}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitem"
              disabled={Boolean(unavailable[item.kind])}
              title={unavailable[item.kind]}
              onClick={() => {
                setOpen(false);
                onAdd(item.kind);
              }}
              className="flex w-full flex-col items-start rounded-md px-3 py-2 text-left hover:bg-accent-50 focus:bg-accent-50 focus:outline-none disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-transparent"
              data-testid={`add-condition-${item.kind}`}
            >
              <span className="text-sm font-medium text-slate-900">{item.title}</span>
              <span className="text-xs text-slate-500">{unavailable[item.kind] ?? item.hint}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
