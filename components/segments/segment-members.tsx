"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DownloadIcon, UsersIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useSegmentMembers } from "./use-segment-queries";

/** The saved segment's members, 50 at a time, with a CSV download of all of them. */
export function SegmentMembers({ workspace, segmentKey, dirty }: { workspace: string; segmentKey: string; dirty: boolean }) {
  const members = useSegmentMembers(workspace, segmentKey);
  const rows = members.data?.pages.flatMap((p) => p.data) ?? [];
  const download = (
    <a href={`/api/v1/segments/${encodeURIComponent(segmentKey)}/export`} download className={buttonClasses("secondary", "sm")} data-testid="download-csv">
      <DownloadIcon className="size-4" />
      Download CSV
    </a>
  );

  return (
    <Card>
      <CardHeader
        title="Members"
        description={dirty ? "People in the saved version. Save your changes to see who they include." : "People in this segment right now."}
        actions={download}
      />
      {members.error ? (
        <div className="p-5">
          <Alert tone="danger">The members could not be loaded: {members.error.message}</Alert>
        </div>
      ) : members.isPending ? (
        <div className="space-y-3 p-5" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-6 w-full" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <div className="p-5">
          <EmptyState icon={<UsersIcon />} title="Nobody is in this segment yet" description="As soon as a profile matches the rule it appears here." className="border-none py-8" data-testid="members-empty" />
        </div>
      ) : (
        <>
          <Table data-testid="members-table">
            <THead>
              <tr>
                <TH>Name</TH>
                <TH>Email</TH>
                <TH>User ID</TH>
                <TH>Country</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((m) => (
                <TR key={m.id} data-testid="member-row">
                  <TD className="font-medium text-slate-900">
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
          <div className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
            <span>Showing {rows.length.toLocaleString("en-US")}{members.hasNextPage ? "+" : ""} members</span>
            {members.hasNextPage ? (
              <Button variant="secondary" size="sm" onClick={() => members.fetchNextPage()} pending={members.isFetchingNextPage} data-testid="load-more-members">
                Load more
              </Button>
            ) : null}
          </div>
        </>
      )}
    </Card>
  );
}
