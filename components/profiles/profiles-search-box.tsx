"use client";

import { XIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";

/** The search field of the profile list; a spinner shows while an answer is on its way. */
export function ProfilesSearchBox({ value, onChange, busy }: { value: string; onChange: (value: string) => void; busy: boolean }) {
  return (
    <div className="relative w-full max-w-md">
      <svg
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.75}
        strokeLinecap="round"
        aria-hidden="true"
      >
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-3.5-3.5" />
      </svg>
      <Input
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="Search by user id, anonymous id, email or any trait…"
        aria-label="Search profiles"
        maxLength={200}
        className="pr-9 pl-9 [&::-webkit-search-cancel-button]:appearance-none"
        data-testid="profiles-search"
      />
      {busy ? (
        <Spinner className="absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-400" />
      ) : value ? (
        <button
          type="button"
          onClick={() => onChange("")}
          className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-1 text-slate-400 hover:text-slate-700"
          aria-label="Clear search"
        >
          <XIcon className="size-4" />
        </button>
      ) : null}
    </div>
  );
}
