"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { emptyGroup, type RuleNode } from "@/components/rules/rule-tree";
import type { SegmentDto } from "./types";

export interface SegmentDraft {
  name: string;
  key: string;
  description: string;
  tags: string[];
  rule: RuleNode;
}

const RESERVED_KEYS = ["new", "preview", "overlap"];

/** "Sports fans — UK" → "sports-fans-uk": the key a name suggests. */
export function keyFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}

/** What is wrong with a key, in the words the API would use; null when it is fine. */
export function keyProblem(key: string): string | null {
  if (!key) return "Give the segment a key";
  if (key.length > 64) return "Keep the key under 64 characters";
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(key)) return "Use lowercase letters, digits, - and _ in the key, starting with a letter or digit (e.g. sports-readers)";
  if (RESERVED_KEYS.includes(key)) return "This key is reserved; choose another";
  return null;
}

function fromSegment(segment: SegmentDto | null): SegmentDraft {
  if (!segment) return { name: "", key: "", description: "", tags: [], rule: emptyGroup() };
  return { name: segment.name, key: segment.key, description: segment.description, tags: segment.tags, rule: segment.rule as RuleNode };
}

const comparable = (d: SegmentDraft) => JSON.stringify([d.name.trim(), d.description.trim(), d.tags, d.rule]);

/**
 * The editor's unsaved state of a segment, the version it started from (sent as `expectedVersion`
 * so a save never overwrites someone else's newer version) and whether anything changed.
 */
export function useSegmentDraft(segment: SegmentDto | null) {
  const [base, setBase] = useState(() => ({ draft: fromSegment(segment), version: segment?.version ?? 0 }));
  const [draft, setDraft] = useState(base.draft);
  const [keyEdited, setKeyEdited] = useState(false);
  const dirty = useMemo(() => comparable(draft) !== comparable(base.draft), [draft, base]);

  const set = useCallback(<K extends keyof SegmentDraft>(field: K, value: SegmentDraft[K]) => {
    setDraft((d) => {
      const next = { ...d, [field]: value };
      // Until the key is edited by hand (and only for a new segment), it follows the name.
      if (field === "name" && !keyEdited && !segment) next.key = keyFromName(String(value));
      return next;
    });
    if (field === "key") setKeyEdited(true);
  }, [keyEdited, segment]);

  /** Starts over from a segment as saved (after a save, or to take someone else's newer version). */
  const reset = useCallback((saved: SegmentDto, keepChanges = false) => {
    const next = fromSegment(saved);
    setBase({ draft: next, version: saved.version });
    if (!keepChanges) setDraft(next);
  }, []);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  return { draft, set, dirty, baseVersion: base.version, reset, setDraft };
}

export type SegmentDraftState = ReturnType<typeof useSegmentDraft>;
