"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { UsersIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { OverlapPair } from "./overlap-matrix";
import { useOverlapMembers } from "./use-overlap-queries";

/** The profiles in both segments of the selected cell, with links to each profile. */
export function OverlapMembers({ workspace, pair }: { workspace: string; pair: OverlapPair }) {
  const members = useOverlapMembers(workspace, pair);
  const rows = members.data?.pages.flatMap((p) => p.data) ?? [];

  if (members.error) return <Alert tone="danger">The members could not be loaded: {members.error.message}</Alert>;
  if (members.isPending) {
    return (
      <div className="space-y-3" aria-busy="true">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-6 w-full" />
        ))}
      </div>
    );
  }
  if (rows.length === 0) {
    return <EmptyState icon={<UsersIcon />} title="Nobody is in both" description="These segments have no profiles in common right now." className="border-none py-8" data-testid="overlap-members-empty" />;
  }
  return (
    <div data-testid="overlap-members">
      <div className="max-h-[26rem] overflow-auto">
        <Table>
          <caption className="sr-only">Profiles in both segments</caption>
          <THead className="sticky top-0 bg-slate-50">
            <tr>
              <TH>Name</TH>
              <TH>Email</TH>
              <TH>User ID</TH>
              <TH>Country</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((m) => (
              <TR key={m.id}>
                <TD className="font-medium whitespace-nowrap text-slate-900">
                  <Link href={`/profiles/${encodeURIComponent(m.id)}`} className="hover:text-accent-700 hover:underline">
                    {m.name ?? <span className="text-slate-400">Unnamed</span>}
                  </Link>
                </TD>
                <TD>{m.email ?? <span className="text-slate-400">—</span>}</TD>
                <TD className="font-mono text-xs">{m.userId ?? <span className="font-sans text-slate-400">anonymous</span>}</TD>
                <TD>{m.country ?? <span className="text-slate-400">—</span>}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
      <div className="flex items-center justify-between border-t border-slate-100 pt-3 text-xs text-slate-500">
        <span>
          Showing {rows.length.toLocaleString("en-US")}
          {members.hasNextPage ? "+" : ""} profiles
        </span>
        {members.hasNextPage ? (
          <Button variant="secondary" size="sm" onClick={() => members.fetchNextPage()} pending={members.isFetchingNextPage} data-testid="overlap-members-more">
            Load more
          </Button>
        ) : null}
      </div>
    </div>
  );
}
