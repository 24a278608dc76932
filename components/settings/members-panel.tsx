"use client";

import { formatDate } from "@/components/format";
import { RoleBadge } from "@/components/role-badge";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useMembers } from "./use-settings-queries";

/** The people with access to this workspace and their roles. */
export function MembersPanel({ workspace }: { workspace: string }) {
  const { data, error } = useMembers(workspace);
  const members = data?.data ?? [];

  return (
    <Card>
      <CardHeader
        title="Members"
        description={`${members.length} ${members.length === 1 ? "person has" : "people have"} access to this workspace.`}
      />
      {error ? (
        <div className="p-5">
          <Alert tone="danger">Members could not be loaded: {error.message}</Alert>
        </div>
      ) : (
        <Table data-testid="members-table">
          <THead>
            <tr>
              <TH>Name</TH>
              <TH>Email</TH>
              <TH>Role</TH>
              <TH>Joined</TH>
            </tr>
          </THead>
          <TBody>
            {members.map((m) => (
              <TR key={m.userId} data-testid="member-row">
                <TD className="font-medium text-slate-900">{m.name}</TD>
                <TD>{m.email}</TD>
                <TD>
                  <RoleBadge role={m.role} />
                </TD>
                <TD className="whitespace-nowrap text-slate-500">{formatDate(m.joinedAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
