"use client";

import { useId } from "react";
import { ChipsInput } from "@/components/rules/chips-input";
import { Card, CardBody } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { fieldControlClasses, Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import type { SegmentDraftState } from "./use-segment-draft";

export interface DetailErrors {
  name?: string | null;
  key?: string | null;
  description?: string | null;
  tags?: string | null;
}

/** Name, key (derived from the name until edited; fixed once saved), description and tags. */
export function SegmentDetails({ state, errors, keyEditable, disabled }: { state: SegmentDraftState; errors: DetailErrors; keyEditable: boolean; disabled: boolean }) {
  const id = useId();
  const { draft, set } = state;
  const keyHint = keyEditable ? "Used in the API and URLs. Lowercase letters, digits, - and _." : "The key cannot change once the segment is saved; duplicate it to use another.";

  return (
    <Card>
      <CardBody className="grid gap-x-4 gap-y-3 sm:grid-cols-2">
        <Field id={`${id}-name`} label="Name" error={errors.name}>
          <Input
            id={`${id}-name`}
            value={draft.name}
            onChange={(e) => set("name", e.target.value)}
            placeholder="e.g. Engaged sports readers"
            maxLength={120}
            disabled={disabled}
            invalid={Boolean(errors.name)}
            aria-describedby={describedBy(`${id}-name`, undefined, errors.name)}
            data-testid="segment-name"
          />
        </Field>
        <Field id={`${id}-key`} label="Key" hint={keyHint} error={errors.key}>
          <Input
            id={`${id}-key`}
            value={draft.key}
            onChange={(e) => set("key", e.target.value.toLowerCase())}
            placeholder="engaged-sports-readers"
            maxLength={64}
            readOnly={!keyEditable}
            disabled={disabled && keyEditable}
            invalid={Boolean(errors.key)}
            aria-describedby={describedBy(`${id}-key`, keyHint, errors.key)}
            className="font-mono text-[13px] read-only:bg-slate-50 read-only:text-slate-600"
            data-testid="segment-key"
          />
        </Field>
        <div>
          <Field id={`${id}-description`} label="Description" error={errors.description}>
            <textarea
              id={`${id}-description`}
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
              placeholder="What the segment is for (optional)"
              rows={1}
              maxLength={2000}
              disabled={disabled}
              aria-invalid={Boolean(errors.description) || undefined}
              className={cn(fieldControlClasses, "min-h-9 py-1.5")}
              data-testid="segment-description"
            />
          </Field>
        </div>
        <div>
          <Field id={`${id}-tags`} label="Tags" error={errors.tags}>
            <ChipsInput
              values={draft.tags}
              onChange={(tags) => set("tags", tags.map((t) => String(t).toLowerCase()))}
              placeholder="Type a tag, then Enter"
              disabled={disabled}
              invalid={Boolean(errors.tags)}
              className="flex min-h-9 w-full"
              aria-label="Tags"
              data-testid="segment-tags"
            />
          </Field>
        </div>
      </CardBody>
    </Card>
  );
}
